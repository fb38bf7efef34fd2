package jp.anzen.requirements.api;

/** Reading the catalogue needs any signed-in caller; changing it needs an editor (or an administrator). */
public final class Roles {

    public static final String EDITOR = "catalogue-editor";
    public static final String ADMIN = "anzen-admin";

    private Roles() {
    }
}
