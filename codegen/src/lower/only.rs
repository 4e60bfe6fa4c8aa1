//! A subset of the definition: the operations with given tags or path prefixes, and the
//! models they reach.

use std::collections::BTreeSet;

use crate::ir::{Operation, TypeDef};
use crate::lower::direction::{Reached, visit};

/// Whether an operation is kept: `only` is empty, or names one of its tags (ignoring
/// case), or a path prefix (starting with `/`, matched at a segment boundary) of its path.
pub fn keeps(only: &[String], path: &str, tags: &[String]) -> bool {
    only.is_empty()
        || only
            .iter()
            .any(|wanted| match wanted.strip_suffix('/').unwrap_or(wanted) {
                prefix if prefix.starts_with('/') => {
                    path == prefix
                        || path
                            .strip_prefix(prefix)
                            .is_some_and(|rest| rest.starts_with('/'))
                }
                tag => tags.iter().any(|own| own.eq_ignore_ascii_case(tag)),
            })
}

/// Removes the models no kept operation reaches.
pub fn prune_models(models: &mut Vec<TypeDef>, operations: &[Operation]) {
    let mut reached = Reached::default();
    for operation in operations {
        let tys = operation
            .params
            .iter()
            .map(|parameter| &parameter.ty)
            .chain([&operation.response])
            .chain(operation.types.iter().flat_map(TypeDef::held));
        for ty in tys {
            visit(ty, false, &operation.types, models, &mut reached);
        }
    }
    let kept: BTreeSet<String> = reached.models;
    models.retain(|def| kept.contains(&def.name));
}

#[cfg(test)]
mod tests {
    use super::keeps;

    #[test]
    fn tags_and_path_prefixes_select_operations() {
        let tags = ["Apps".to_owned()];
        assert!(keeps(&[], "/v1/builds", &[]));
        assert!(keeps(&["apps".to_owned()], "/v1/builds", &tags));
        assert!(keeps(&["/v1/apps".to_owned()], "/v1/apps", &[]));
        assert!(keeps(
            &["/v1/apps/".to_owned()],
            "/v1/apps/{id}/builds",
            &[]
        ));
        assert!(!keeps(&["/v1/apps".to_owned()], "/v1/appsX", &[]));
        assert!(!keeps(&["Builds".to_owned()], "/v1/apps", &tags));
    }
}
