#!/usr/bin/env python3
"""Builds the shipped catalogue bundles from the research notes in shared/reference.

    python3 requirements-service/tools/reference_to_bundles.py ../shared/reference requirements-service/src/main/resources/catalogue

A one-off conversion kept for traceability: the bundles it writes are the data the service imports, and
every item keeps its sources, confidence and wording status. Editing a bundle by hand afterwards is fine;
a new MHLW edition is imported through the API (POST /api/catalogue/imports), not by changing this script.
"""
import re
import sys
from pathlib import Path

import yaml

CIRCLED = {c: i + 1 for i, c in enumerate("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮")}
TARGETS = {"医療情報システム全般": "all-systems", "サーバ": "server", "端末PC": "client-pc",
           "ネットワーク機器": "network-device", None: None}
SUFFIX = {"server": "server", "client-pc": "pc", "network-device": "network"}
VOLUMES = {"概説編": "OV", "経営管理編": "GOV", "企画管理編": "MGT", "システム運用編": "CTL"}
SECTIONS = {"1": ("体制構築", "Governance set-up"),
            "2": ("医療情報システムの管理・運用", "Management and operation of medical information systems"),
            "3": ("インシデント発生に備えた対応", "Incident preparedness")}
MEDICAL_KINDS = ["hospital", "clinic", "dental-clinic", "midwifery-home"]
FORMS = {
    "H": ("mhlw-checklist-institution", "医療機関におけるサイバーセキュリティ対策チェックリスト（医療機関確認用）",
          "MHLW cybersecurity checklist: institution form (hospitals, clinics)", MEDICAL_KINDS),
    "P": ("mhlw-checklist-pharmacy", "薬局におけるサイバーセキュリティ対策チェックリスト（薬局確認用）",
          "MHLW cybersecurity checklist: pharmacy form", ["pharmacy"]),
    "V": ("mhlw-checklist-vendor", "医療機関におけるサイバーセキュリティ対策チェックリスト（事業者確認用）",
          "MHLW cybersecurity checklist: vendor form (one per vendor and facility)",
          MEDICAL_KINDS + ["pharmacy"]),
}
EDITIONS = {"R5": ("2023", 2023, "令和5年度版", "FY2023 edition"),
            "R6": ("2024", 2024, "令和6年度版", "FY2024 edition"),
            "R7": ("2025", 2025, "令和7年度版", "FY2025 edition")}
GUIDELINE = ("mhlw-guideline", "6.0")


def key_of(item, siblings):
    number = item["item_no"]
    target = TARGETS[item.get("target")]
    if item["status_in_edition"] == "pre-question":
        return "0-system-exists", None, None
    if number is None:
        concept = item["id"].split("-x", 1)[1] if "-x" in item["id"] else "unnumbered"
        concept = {"rules": "internal-rules", "bg-srv": "background-server", "bg-pc": "background-pc"}.get(concept, concept)
        return "x-" + concept, None, None
    m = re.match(r"(\d)(?:-?\((\d+)\)|(.))(\?)?", number)
    section = m.group(1)
    n = int(m.group(2)) if m.group(2) else CIRCLED[m.group(3)]
    key = f"{section}-{n}"
    if len(siblings) > 1 and target in SUFFIX:
        key += "-" + SUFFIX[target]
    printed = number.rstrip("?")
    return key, section, printed


def wording(item):
    text = item["text_ja"]
    notes = item.get("notes") or ""
    if "未確認" in text:
        return "not-seen"
    if "…" in text or "途中" in text:
        return "truncated"
    if "wording for this variant NOT verified" in notes:
        return "derived"
    return "official"


def guideline_refs(item):
    refs = list(item.get("guideline_refs") or [])
    if not refs:  # some manual citations are only in the notes, e.g. "Manual cites システム運用編 8③ and 8.2"
        for volume, rest in re.findall(r"(システム運用編|企画管理編|経営管理編|概説編) ([0-9.①-⑮]+(?: and [0-9.①-⑮]+)*)", item.get("notes") or ""):
            refs += [f"{volume} {part.rstrip('.')}" for part in rest.split(" and ")]
    return refs


def guideline_node(ref, node_ids):
    """'システム運用編 8⑤' -> CTL-8 (遵守事項 ⑤ kept in the note); None when not a guideline section."""
    m = re.match(r"(概説編|経営管理編|企画管理編|システム運用編) (\d+(?:\.\d+)*)", ref)
    if not m:
        return None
    number = m.group(2)
    while number:
        node = f"{VOLUMES[m.group(1)]}-{number}"
        if node in node_ids:
            return node
        number = number.rsplit(".", 1)[0] if "." in number else ""
    return None


def build_form(items, form, edition):
    framework_id, title_ja, title_en, kinds = FORMS[form]
    version, fiscal_year, v_ja, v_en = EDITIONS[edition]
    requirements = [{"key": k, "kind": "group", "number": k, "text_ja": ja, "text_en": en, "confidence": "verified",
                     "source_urls": ["https://wic-net.com/material/document/19102/2"]} for k, (ja, en) in SECTIONS.items()]
    keys = {}
    for item in items:
        siblings = [x for x in items if x["item_no"] == item["item_no"] and item["item_no"] is not None]
        key, section, printed = key_of(item, siblings)
        keys[item["id"]] = key
        r = {"key": key}
        if section:
            r["parent"] = section
        r["kind"] = "pre-question" if item["status_in_edition"] == "pre-question" else "item"
        if printed:
            r["number"] = printed
        r["text_ja"] = item["text_ja"]
        r["text_en"] = item["gloss_en"]
        if TARGETS[item.get("target")]:
            r["target"] = TARGETS[item.get("target")]
        if item["status_in_edition"] in ("required", "reference"):
            r["obligation"] = item["status_in_edition"]
        if item.get("required_from"):
            r["required_from"] = item["required_from"]
        if "令和9年度" in item["text_ja"]:
            r["deadline"] = "2028-03-31"  # two-factor authentication: implemented by the end of FY2027
        r["facility_kinds"] = kinds
        refs = guideline_refs(item)
        if refs:
            r["guideline_refs"] = refs
        r["confidence"] = item["confidence"].split(" ")[0]
        r["wording"] = wording(item)
        r["source_urls"] = list(dict.fromkeys(item["source_url"]))  # some notes list a source twice
        notes = []
        if item["item_no"] and "?" in item["item_no"]:
            notes.append("Printed number uncertain.")
        if item.get("notes"):
            notes.append(item["notes"])
        if notes:
            r["notes"] = " ".join(notes)
        requirements.append(r)
    # a section without items in this form (the vendor form's section 3 is not known) is left out
    parents = {r.get("parent") for r in requirements}
    requirements = [r for r in requirements if r["kind"] != "group" or r["key"] in parents]
    bundle = {"format": "anzen-catalogue-bundle/1",
              "framework": {"id": framework_id, "kind": "checklist", "title_ja": title_ja, "title_en": title_en,
                            "publisher": "厚生労働省 (MHLW)"},
              "version": {"version": version, "fiscal_year": fiscal_year, "title_ja": v_ja, "title_en": v_en},
              "requirements": requirements}
    return bundle, keys


def build_guideline(structure):
    requirements = []
    for node in structure["nodes"]:
        r = {"key": node["id"]}
        if node.get("parent"):
            r["parent"] = node["parent"]
        r["kind"] = "group" if node.get("parent") is None else "section"
        if node.get("number"):
            r["number"] = str(node["number"])
        r["text_ja"] = node.get("title_ja") or f"（表題未確認）{node['volume']} {node.get('number') or ''}".strip()
        r["text_en"] = node.get("gloss_en")
        r["confidence"] = node["confidence"]
        r["wording"] = "official" if node.get("title_ja") else "not-seen"
        r["source_urls"] = node["source_url"]
        if node.get("notes"):
            r["notes"] = node["notes"]
        requirements.append(r)
    meta = structure["meta"]
    return {"format": "anzen-catalogue-bundle/1",
            "framework": {"id": GUIDELINE[0], "kind": "guideline",
                          "title_ja": "医療情報システムの安全管理に関するガイドライン",
                          "title_en": "Guideline for the Security Management of Medical Information Systems",
                          "publisher": "厚生労働省 (MHLW)"},
            "version": {"version": GUIDELINE[1], "title_ja": "第6.0版", "title_en": "Version 6.0",
                        "released": str(meta["published"]), "source_urls": [meta["landing_page"]],
                        "notes": meta["counts"]},
            "requirements": requirements}


def cites(form_bundle, node_ids):
    f, v = form_bundle["framework"]["id"], form_bundle["version"]["version"]
    mappings = []
    for r in form_bundle["requirements"]:
        for ref in r.get("guideline_refs", []):
            node = guideline_node(ref, node_ids)
            if node:
                mappings.append({"from": r["key"], "to": node, "relation": "cites", "note": ref})
    return {"format": "anzen-mapping-set/1", "kind": "cites",
            "from": {"framework": f, "version": v}, "to": {"framework": GUIDELINE[0], "version": GUIDELINE[1]},
            "mappings": mappings}


def normalised(text):
    return text.rstrip("。").replace(" ", "")


def edition_mapping(old, new, amended):
    """Relates each item of one edition to the next: equivalent, changed, merged, added, removed."""
    old_items = [r for r in old["requirements"] if r["kind"] != "group"]
    new_items = [r for r in new["requirements"] if r["kind"] != "group"]
    mappings, matched_new = [], set()
    for o in old_items:
        same_text = [n for n in new_items if normalised(n["text_ja"]) == normalised(o["text_ja"])]
        exact = [n for n in same_text if n.get("target") == o.get("target")]
        if exact:
            n = exact[0]
            matched_new.add(n["key"])
            changes = []
            if o.get("obligation") != n.get("obligation"):
                changes.append(f"{o.get('obligation')} item became {n.get('obligation')}")
            if n["key"] in amended:
                changes.append(amended[n["key"]])
            if o.get("number") != n.get("number") and o.get("number") and n.get("number"):
                renumbered = f"renumbered {o['number']} → {n['number']}"
            else:
                renumbered = None
            if changes:
                mappings.append({"from": o["key"], "to": n["key"], "relation": "changed",
                                 "note": "; ".join(changes + ([renumbered] if renumbered else []))})
            else:
                m = {"from": o["key"], "to": n["key"], "relation": "equivalent"}
                if renumbered:
                    m["note"] = renumbered
                mappings.append(m)
        elif same_text and any(n.get("target") == "all-systems" for n in same_text):
            n = next(n for n in same_text if n.get("target") == "all-systems")
            matched_new.add(n["key"])
            mappings.append({"from": o["key"], "to": n["key"], "relation": "merged",
                             "note": "the per-target rows (server, client PC, network device) became one item for all systems"})
        else:
            mappings.append({"from": o["key"], "relation": "removed"})
    for n in new_items:
        if n["key"] not in matched_new:
            mappings.append({"to": n["key"], "relation": "added", "note": "new in " + new["version"]["title_ja"]})
    return {"format": "anzen-mapping-set/1", "kind": "edition",
            "from": {"framework": old["framework"]["id"], "version": old["version"]["version"]},
            "to": {"framework": new["framework"]["id"], "version": new["version"]["version"]},
            "mappings": mappings}


class PlainDumper(yaml.SafeDumper):
    """Writes shared lists out in full: no YAML anchors and aliases, which not every reader resolves."""

    def ignore_aliases(self, data):
        return True


def main(reference, out):
    items = yaml.safe_load((reference / "mhlw-checklist-items.yaml").read_text())["items"]
    structure = yaml.safe_load((reference / "mhlw-guideline-v6-structure.yaml").read_text())
    header = "# Generated by requirements-service/tools/reference_to_bundles.py from shared/reference; sources and confidence per item.\n"
    dump = lambda data: header + yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=160)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    guideline = build_guideline(structure)
    node_ids = {r["key"] for r in guideline["requirements"]}
    (out / "mhlw-guideline-6.0.yaml").write_text(dump(guideline))
    files.append("mhlw-guideline-6.0.yaml")
    amended = {"2-4-server": "access rights now require identifying administrator-privilege holders (管理者権限の対象者); new wording not seen",
               "2-4-pc": "access rights now require identifying administrator-privilege holders (管理者権限の対象者); new wording not seen"}
    mapping_files = []
    for form in ("H", "P", "V"):
        previous = None
        for edition in ("R5", "R6", "R7"):
            edition_items = [i for i in items if i["id"].startswith(f"{edition}-{form}-")]
            if not edition_items:
                continue  # not in the research notes (pharmacy and vendor forms of FY2023)
            bundle, _ = build_form(edition_items, form, edition)
            name = f"{bundle['framework']['id']}-{bundle['version']['version']}"
            (out / f"{name}.yaml").write_text(dump(bundle))
            files.append(f"{name}.yaml")
            (out / f"{name}--cites--mhlw-guideline-6.0.yaml").write_text(dump(cites(bundle, node_ids)))
            mapping_files.append(f"{name}--cites--mhlw-guideline-6.0.yaml")
            if previous:
                prev_name = f"{previous['framework']['id']}-{previous['version']['version']}"
                (out / f"{prev_name}--to--{bundle['version']['version']}.yaml").write_text(
                    dump(edition_mapping(previous, bundle, amended if edition == "R7" else {})))
                mapping_files.append(f"{prev_name}--to--{bundle['version']['version']}.yaml")
            previous = bundle
    index = ["# The catalogue shipped with Anzen, imported and published at first start, in this order.",
             "# Versions first, then the mapping sets between them, then example service profiles."]
    index += files + mapping_files + ["example-service-profile.yaml"]
    (out / "index.txt").write_text("\n".join(index) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
