//! The `/v1/apps` collection query: filters, sort, limit, cursor and sparse fieldset.

use std::cmp::Ordering;

use crate::catalog::App;
use crate::documents::{APP_FIELDS, APP_TYPE};
use crate::errors::ApiError;
use crate::paging::{self, MAX_LIMIT};
use crate::query::{self, last_value, list_value};

/// An app attribute a listing can filter or sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    Name,
    BundleId,
    Sku,
}

impl Key {
    fn of(self, app: &App) -> &str {
        match self {
            Key::Id => &app.id,
            Key::Name => &app.name,
            Key::BundleId => &app.bundle_id,
            Key::Sku => &app.sku,
        }
    }

    fn from_filter(name: &str) -> Option<Key> {
        match name {
            "filter[id]" => Some(Key::Id),
            "filter[name]" => Some(Key::Name),
            "filter[bundleId]" => Some(Key::BundleId),
            "filter[sku]" => Some(Key::Sku),
            _ => None,
        }
    }

    fn from_sort(name: &str) -> Option<Key> {
        match name {
            "name" => Some(Key::Name),
            "bundleId" => Some(Key::BundleId),
            "sku" => Some(Key::Sku),
            _ => None,
        }
    }
}

/// A parsed and validated collection query.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListQuery {
    filters: Vec<(Key, Vec<String>)>,
    sort: Vec<(Key, bool)>,
    /// `limit`, when given.
    pub(crate) limit: Option<usize>,
    /// The offset from `cursor` (0 without one).
    pub(crate) offset: usize,
    /// `fields[apps]`, when given.
    pub(crate) fields: Option<Vec<String>>,
}

/// Validates the parameters of a collection GET and parses what the sandbox implements.
/// Other spec-defined filters (`filter[appStoreVersions]`, …), `include` and `exists[…]` are
/// accepted and ignored.
pub(crate) fn parse(pairs: &[(String, String)]) -> Result<ListQuery, ApiError> {
    query::check_parameters(pairs, query::COLLECTION)?;
    let mut list = ListQuery {
        fields: query::sparse_fields(pairs, APP_TYPE, APP_FIELDS)?,
        ..ListQuery::default()
    };
    for (name, value) in pairs {
        if let Some(key) = Key::from_filter(name) {
            list.filters.retain(|(k, _)| *k != key);
            list.filters.push((key, list_value(name, value)?));
        }
    }
    if let Some(value) = last_value(pairs, "sort") {
        list.sort = parse_sort(value)?;
    }
    if let Some(value) = last_value(pairs, "limit") {
        list.limit = Some(query::parse_bounded("limit", value, MAX_LIMIT)?);
    }
    if let Some(value) = last_value(pairs, "cursor") {
        list.offset = paging::decode_cursor(value)?;
    }
    Ok(list)
}

fn parse_sort(value: &str) -> Result<Vec<(Key, bool)>, ApiError> {
    list_value("sort", value)?
        .iter()
        .map(|item| {
            let (name, descending) = match item.strip_prefix('-') {
                Some(name) => (name, true),
                None => (item.as_str(), false),
            };
            Key::from_sort(name)
                .map(|key| (key, descending))
                .ok_or_else(|| {
                    ApiError::invalid_parameter(
                        "sort",
                        &format!("'{item}' is not a valid sort value"),
                    )
                })
        })
        .collect()
}

/// The apps matching every filter (any value of a comma-joined list), sorted stably.
pub(crate) fn select<'a>(apps: &'a [App], list: &ListQuery) -> Vec<&'a App> {
    let mut selected: Vec<&App> = apps
        .iter()
        .filter(|app| {
            list.filters
                .iter()
                .all(|(key, values)| values.iter().any(|v| v == key.of(app)))
        })
        .collect();
    selected.sort_by(|a, b| compare(a, b, &list.sort));
    selected
}

fn compare(a: &App, b: &App, sort: &[(Key, bool)]) -> Ordering {
    sort.iter()
        .map(|(key, descending)| {
            let order = key.of(a).cmp(key.of(b));
            if *descending { order.reverse() } else { order }
        })
        .find(|order| order.is_ne())
        .unwrap_or(Ordering::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::sample_apps;
    use crate::query::parse_pairs;

    fn names(raw: &str) -> Vec<String> {
        let apps = sample_apps();
        let list = parse(&parse_pairs(Some(raw))).expect("valid");
        select(&apps, &list)
            .iter()
            .map(|a| a.name.clone())
            .collect()
    }

    #[test]
    fn filters_match_exactly_and_by_list() {
        assert_eq!(names("filter[name]=Caf%C3%A9+Finder"), vec!["Café Finder"]);
        assert_eq!(names("filter[name]=Caf"), Vec::<String>::new());
        assert_eq!(
            names("filter[name]=Moonlight,Zen%20Timer"),
            vec!["Zen Timer", "Moonlight"]
        );
        assert_eq!(
            names("filter[id]=1500000003,1500000004&filter[sku]=TIDES-01"),
            vec!["Weather & Tides"]
        );
    }

    #[test]
    fn sort_orders_ascending_and_descending() {
        let asc = names("sort=name");
        let mut expected = asc.clone();
        expected.sort();
        assert_eq!(asc, expected);
        let desc = names("sort=-name");
        expected.reverse();
        assert_eq!(desc, expected);
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (raw, param) in [
            ("sort=color", "sort"),
            ("limit=0", "limit"),
            ("limit=201", "limit"),
            ("cursor=zzz", "cursor"),
            ("filter[name]=", "filter[name]"),
        ] {
            let err = parse(&parse_pairs(Some(raw))).expect_err(raw);
            assert_eq!(err.code, "PARAMETER_ERROR.INVALID", "{raw}");
            assert_eq!(
                err.source,
                Some(crate::errors::ErrorSource::Parameter(param.to_owned()))
            );
        }
    }
}
