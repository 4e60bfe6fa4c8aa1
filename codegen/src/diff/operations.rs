//! Operations: methods of the client, their arguments, setters and answers.

use std::collections::BTreeMap;

use super::{Change, ChangeKind, Impact, change, type_text};
use crate::ir::{Api, Decoding, Operation};

/// The connection settings (fields of `Connection`) added, which is compatible, and removed.
pub fn compare_connection(old: &Api, new: &Api) -> Vec<Change> {
    let names = |api: &Api| -> Vec<String> {
        api.connection_parameters
            .iter()
            .map(|parameter| crate::naming::snake(&parameter.name))
            .collect()
    };
    let (before, after) = (names(old), names(new));
    let added = after
        .iter()
        .filter(|name| !before.contains(name))
        .map(|name| {
            let detail = "new connection setting".to_owned();
            change(
                format!("Connection.{name}"),
                ChangeKind::Added,
                detail,
                Impact::Compatible,
            )
        });
    let removed = before
        .iter()
        .filter(|name| !after.contains(name))
        .map(|name| {
            let detail = "the connection setting is gone".to_owned();
            change(
                format!("Connection.{name}"),
                ChangeKind::Removed,
                detail,
                Impact::Breaking,
            )
        });
    added.chain(removed).collect()
}

/// The changes of operations, by method name: in the new definition's order, then the
/// removed ones.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    let before: BTreeMap<&str, &Operation> = old
        .operations
        .iter()
        .map(|operation| (operation.fn_name.as_str(), operation))
        .collect();
    let mut changes = Vec::new();
    for operation in &new.operations {
        match before.get(operation.fn_name.as_str()) {
            Some(previous) => changes.extend(compare_one(previous, operation)),
            None => changes.push(change(
                item(operation),
                ChangeKind::Added,
                format!(
                    "new operation `{}` ({} {})",
                    operation.id, operation.method, operation.path
                ),
                Impact::Compatible,
            )),
        }
    }
    for operation in &old.operations {
        if !new
            .operations
            .iter()
            .any(|kept| kept.fn_name == operation.fn_name)
        {
            changes.push(change(
                item(operation),
                ChangeKind::Removed,
                format!("operation `{}` is gone", operation.id),
                Impact::Breaking,
            ));
        }
    }
    changes
}

fn item(operation: &Operation) -> String {
    format!("fn {}", operation.fn_name)
}

/// The required parameters as the method's arguments: `name: Type`, in order.
fn arguments(operation: &Operation) -> Vec<String> {
    operation
        .params
        .iter()
        .filter(|parameter| parameter.required)
        .map(|parameter| {
            format!(
                "{}: {}",
                parameter.rust_name,
                type_text(&parameter.ty, &operation.fn_name)
            )
        })
        .collect()
}

/// The optional parameters as setters: name to type.
fn setters(operation: &Operation) -> BTreeMap<&str, String> {
    operation
        .params
        .iter()
        .filter(|parameter| !parameter.required)
        .map(|parameter| {
            (
                parameter.rust_name.as_str(),
                type_text(&parameter.ty, &operation.fn_name),
            )
        })
        .collect()
}

fn decoding(operation: &Operation) -> &'static str {
    match operation.decoding {
        Decoding::Json => "JSON",
        Decoding::Text => "text",
        Decoding::Bytes => "bytes",
        Decoding::ByStatus(_) => "a body per status",
    }
}

fn compare_one(old: &Operation, new: &Operation) -> Vec<Change> {
    let name = item(new);
    let mut changes = Vec::new();
    let (before, after) = (arguments(old), arguments(new));
    if before != after {
        changes.push(change(
            name.clone(),
            ChangeKind::Changed,
            format!(
                "the required parameters change from ({}) to ({})",
                before.join(", "),
                after.join(", ")
            ),
            Impact::Breaking,
        ));
    }
    changes.extend(compare_setters(old, new));
    let (old_body, new_body) = (
        type_text(&old.response, &old.fn_name),
        type_text(&new.response, &new.fn_name),
    );
    if old_body != new_body || decoding(old) != decoding(new) {
        changes.push(change(
            name.clone(),
            ChangeKind::Changed,
            format!(
                "the answer changes from {old_body} ({}) to {new_body} ({})",
                decoding(old),
                decoding(new)
            ),
            Impact::Breaking,
        ));
    }
    match (old.paging.is_some(), new.paging.is_some()) {
        (true, false) => changes.push(change(
            name.clone(),
            ChangeKind::Changed,
            "no longer pages: `pages`, `items` and `collect_all` are gone".to_owned(),
            Impact::Breaking,
        )),
        (false, true) => changes.push(change(
            name.clone(),
            ChangeKind::Changed,
            "now pages: gains `pages`, `items` and `collect_all`".to_owned(),
            Impact::Compatible,
        )),
        _ => {}
    }
    if !old.deprecated && new.deprecated {
        changes.push(change(
            name.clone(),
            ChangeKind::Changed,
            "is now deprecated (a warning where it is used)".to_owned(),
            Impact::Patch,
        ));
    }
    if old.method != new.method || old.path != new.path {
        changes.push(change(
            name,
            ChangeKind::Changed,
            format!(
                "now sends {} {} instead of {} {}",
                new.method, new.path, old.method, old.path
            ),
            Impact::Patch,
        ));
    }
    changes
}

/// Setters added, removed or retyped. A parameter that turns required or optional is an
/// argument change, reported with the arguments.
fn compare_setters(old: &Operation, new: &Operation) -> Vec<Change> {
    let (before, after) = (setters(old), setters(new));
    let required_now = |name: &str| {
        new.params
            .iter()
            .any(|parameter| parameter.required && parameter.rust_name == name)
    };
    let required_before = |name: &str| {
        old.params
            .iter()
            .any(|parameter| parameter.required && parameter.rust_name == name)
    };
    let mut changes = Vec::new();
    for (setter, ty) in &after {
        let item = format!("fn {}().{setter}", new.fn_name);
        match before.get(setter) {
            None if required_before(setter) => {}
            None => changes.push(change(
                item,
                ChangeKind::Added,
                format!("new optional parameter `{setter}: {ty}`"),
                Impact::Compatible,
            )),
            Some(previous) if previous != ty => changes.push(change(
                item,
                ChangeKind::Changed,
                format!("the optional parameter's type changes from {previous} to {ty}"),
                Impact::Breaking,
            )),
            Some(_) => {}
        }
    }
    for setter in before.keys() {
        if !after.contains_key(setter) && !required_now(setter) {
            changes.push(change(
                format!("fn {}().{setter}", old.fn_name),
                ChangeKind::Removed,
                format!("the optional parameter `{setter}` is gone"),
                Impact::Breaking,
            ));
        }
    }
    changes
}
