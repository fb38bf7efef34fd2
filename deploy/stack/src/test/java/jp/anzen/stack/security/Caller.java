package jp.anzen.stack.security;

/**
 * The callers of the refusal matrix: every role of the realm, each with its own tenancy (ARCHITECTURE.md).
 * None of them holds any right to the other tenant's objects the matrix asks for.
 */
enum Caller {
    ADMIN, // anzen-admin: everything
    EDITOR, // catalogue-editor: the catalogue only
    NETWORK, // network-operator of net-demo
    FACILITY, // facility-manager of 1310000001
    STAFF, // facility-staff of 1310000001
    INSPECTOR, // inspector of prefecture 13
    OPS, // ops-reader: reads everything, writes nothing
    VENDOR, // vendor-system vendor-demo, no contract with the other facility
    OTHER_VENDOR; // vendor-system vendor-other, its own client, no contract at all
}
