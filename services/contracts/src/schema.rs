//! The contract snapshot: a plain-text list of every field and enum value of
//! the contracts, committed as `proto/snapshot.txt`. A test compares the
//! current contracts with it and fails on a breaking change — a field removed,
//! renumbered or retyped, or an enum value removed or renumbered. Adding is
//! always allowed; regenerate the snapshot with
//! `UPDATE_CONTRACT_SNAPSHOT=1 cargo test -p newsflow-contracts`.

use prost::Message;
use prost_types::{field_descriptor_proto::Label, DescriptorProto, EnumDescriptorProto};

/// The compiled descriptor set of `proto/`, embedded at build time.
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/descriptor.bin"));

/// One line per field (`field newsflow.v1.Page.status = 5 uint32 singular`)
/// and per enum value (`enum newsflow.v1.CharsetSource.CHARSET_SOURCE_BOM = 1`),
/// sorted.
pub fn snapshot() -> String {
    snapshot_of(DESCRIPTOR_SET)
}

/// The snapshot of an encoded `FileDescriptorSet`.
pub fn snapshot_of(descriptor_set: &[u8]) -> String {
    let fds = prost_types::FileDescriptorSet::decode(descriptor_set).unwrap_or_default();
    let mut lines = Vec::new();
    for file in fds.file.iter().filter(|f| f.package() == "newsflow.v1") {
        let prefix = file.package().to_string();
        for message in &file.message_type {
            message_lines(&prefix, message, &mut lines);
        }
        for e in &file.enum_type {
            enum_lines(&prefix, e, &mut lines);
        }
    }
    lines.sort();
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn message_lines(prefix: &str, message: &DescriptorProto, lines: &mut Vec<String>) {
    let name = format!("{prefix}.{}", message.name());
    for field in &message.field {
        let ty = match field.type_name() {
            "" => format!("{:?}", field.r#type()).to_ascii_lowercase(),
            type_name => type_name.trim_start_matches('.').to_string(),
        };
        let label = match (field.label(), field.proto3_optional()) {
            (Label::Repeated, _) => "repeated",
            (_, true) => "optional",
            _ => "singular",
        };
        lines.push(format!(
            "field {name}.{} = {} {ty} {label}",
            field.name(),
            field.number()
        ));
    }
    for nested in &message.nested_type {
        // Map entries are synthetic; their shape is already in the field type.
        if nested.options.as_ref().and_then(|o| o.map_entry) == Some(true) {
            continue;
        }
        message_lines(&name, nested, lines);
    }
    for e in &message.enum_type {
        enum_lines(&name, e, lines);
    }
}

fn enum_lines(prefix: &str, e: &EnumDescriptorProto, lines: &mut Vec<String>) {
    for value in &e.value {
        lines.push(format!(
            "enum {prefix}.{}.{} = {}",
            e.name(),
            value.name(),
            value.number()
        ));
    }
}

/// The breaking changes from `old` to `new` snapshots: every line of `old`
/// must still be in `new` (fields and enum values are only ever added), and
/// no field number may be reused by another field of the same message.
pub fn breaking_changes(old: &str, new: &str) -> Vec<String> {
    let new_lines: std::collections::BTreeSet<&str> = new.lines().collect();
    let mut problems: Vec<String> = old
        .lines()
        .filter(|line| !line.trim().is_empty() && !new_lines.contains(line))
        .map(|line| format!("removed or changed: {line}"))
        .collect();
    // A field renamed but kept at its number breaks JSON readers; a number
    // reused by a new field breaks binary readers. Both show up above as a
    // missing line; this catches a number reused after a removal.
    let old_numbers = numbers(old);
    for (key, new_name) in numbers(new) {
        if let Some(old_name) = old_numbers.get(&key) {
            if *old_name != new_name {
                problems.push(format!(
                    "field number {} of {} now belongs to {new_name}, was {old_name}",
                    key.1, key.0
                ));
            }
        }
    }
    problems
}

/// (message, number) → field name, from the field lines of a snapshot.
fn numbers(snapshot: &str) -> std::collections::BTreeMap<(String, String), String> {
    snapshot
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("field ")?;
            let (path, after) = rest.split_once(" = ")?;
            let number = after.split_whitespace().next()?;
            let (message, field) = path.rsplit_once('.')?;
            Some(((message.to_string(), number.to_string()), field.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SNAPSHOT_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../proto/snapshot.txt");

    #[test]
    fn contracts_have_no_breaking_change_against_the_committed_snapshot() {
        let current = snapshot();
        if std::env::var_os("UPDATE_CONTRACT_SNAPSHOT").is_some() {
            std::fs::write(SNAPSHOT_PATH, &current).unwrap();
        }
        let committed = std::fs::read_to_string(SNAPSHOT_PATH)
            .expect("proto/snapshot.txt is missing: run with UPDATE_CONTRACT_SNAPSHOT=1");
        let problems = breaking_changes(&committed, &current);
        assert!(
            problems.is_empty(),
            "breaking contract changes:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn snapshot_lists_fields_with_number_type_and_label() {
        let s = snapshot();
        assert!(s.contains("field newsflow.v1.Page.status = 5 uint32 singular\n"));
        assert!(s.contains("field newsflow.v1.Page.redirects = 4 newsflow.v1.Redirect repeated\n"));
        assert!(s.contains("field newsflow.v1.Article.accessible_for_free = 16 bool optional\n"));
        assert!(s.contains("enum newsflow.v1.DedupInfo.Decision.DECISION_DUPLICATE = 2\n"));
    }

    #[test]
    fn removed_renumbered_and_retyped_fields_are_breaking() {
        let old = "field m.M.a = 1 string singular\nfield m.M.b = 2 uint32 singular\n";
        assert!(breaking_changes(old, old).is_empty());
        let added = format!("{old}field m.M.c = 3 string singular\n");
        assert!(breaking_changes(old, &added).is_empty());
        let removed = "field m.M.a = 1 string singular\n";
        assert_eq!(breaking_changes(old, removed).len(), 1);
        let renumbered = "field m.M.a = 1 string singular\nfield m.M.b = 3 uint32 singular\n";
        assert_eq!(breaking_changes(old, renumbered).len(), 1);
        let retyped = "field m.M.a = 1 string singular\nfield m.M.b = 2 int64 singular\n";
        assert_eq!(breaking_changes(old, retyped).len(), 1);
        let reused = "field m.M.a = 1 string singular\nfield m.M.z = 2 uint32 singular\n";
        assert_eq!(breaking_changes(old, reused).len(), 2);
    }
}
