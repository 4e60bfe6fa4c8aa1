//! [`Deferred`]: a member of an answer kept as the JSON text the server sent and decoded
//! when asked.

use std::fmt;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A member of an answer that is decoded when asked, not when the answer arrives.
///
/// Generated code uses it for the members a crate chose to decode on demand (the
/// generator's `defer` option), typically ones most callers never read, such as the
/// `relationships` links of JSON:API resources. Receiving the answer then only checks that
/// the member is well-formed JSON and copies its text once, instead of building every
/// string inside it.
///
/// ```
/// use connector_runtime::Deferred;
///
/// #[derive(Debug, serde::Deserialize, PartialEq)]
/// struct Links {
///     related: String,
/// }
///
/// let links: Deferred<Links> = serde_json::from_str(r#"{"related": "/v1/apps/1/builds"}"#)?;
/// assert_eq!(links.json(), r#"{"related": "/v1/apps/1/builds"}"#);
/// assert_eq!(links.decode()?.related, "/v1/apps/1/builds");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Deferred<T> {
    json: Box<RawValue>,
    decoded: PhantomData<fn() -> T>,
}

impl<T> Deferred<T> {
    /// The member's JSON text, as the server sent it.
    pub fn json(&self) -> &str {
        self.json.get()
    }
}

impl<T: DeserializeOwned> Deferred<T> {
    /// Decodes the member.
    ///
    /// # Errors
    ///
    /// [`DeferredError`] naming the path inside the member that is not what the
    /// definition describes.
    pub fn decode(&self) -> Result<T, DeferredError> {
        let mut deserializer = serde_json::Deserializer::from_str(self.json.get());
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| DeferredError {
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
        })
    }
}

/// A [`Deferred`] member that does not decode as its type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the member does not match the definition at `{path}`: {message}")]
pub struct DeferredError {
    /// Where inside the member decoding failed (`.` for the member itself).
    pub path: String,
    /// What was wrong there.
    pub message: String,
}

impl<T> Clone for Deferred<T> {
    fn clone(&self) -> Self {
        Self {
            json: self.json.clone(),
            decoded: PhantomData,
        }
    }
}

/// Members are equal when their JSON texts are.
impl<T> PartialEq for Deferred<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json.get() == other.json.get()
    }
}

impl<T> fmt::Debug for Deferred<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Deferred").field(&self.json.get()).finish()
    }
}

impl<'de, T> Deserialize<'de> for Deferred<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            json: Box::<RawValue>::deserialize(deserializer)?,
            decoded: PhantomData,
        })
    }
}

impl<T> Serialize for Deferred<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.serialize(serializer)
    }
}

/// A deferred member is required unless its field is an `Option`.
impl<T> crate::model::Field for Deferred<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    crate::model! {
        /// A link.
        pub struct Link: Deserialize {
            "href" => pub href: String,
            "count" => pub count: Option<i32>,
        }
    }

    crate::model! {
        /// A resource whose links are decoded on demand.
        pub struct Resource: Serialize + Deserialize {
            "id" => pub id: String,
            "links" => pub links: Option<Deferred<Vec<Link>>>,
        }
    }

    #[test]
    fn the_member_is_kept_as_sent_and_decoded_on_demand() {
        let text = r#"{"id": "1", "links": [ {"href": "/a"}, {"href": "/b", "count": 2} ]}"#;
        let resource: Resource = serde_json::from_str(text).unwrap();
        let links = resource.links.as_ref().unwrap();
        assert_eq!(
            links.json(),
            r#"[ {"href": "/a"}, {"href": "/b", "count": 2} ]"#
        );
        let decoded = links.decode().unwrap();
        assert_eq!(decoded[1].href, "/b");
        assert_eq!(decoded[1].count, Some(2));
        assert_eq!(
            serde_json::to_string(&resource).unwrap(),
            r#"{"id":"1","links":[ {"href": "/a"}, {"href": "/b", "count": 2} ]}"#
        );
        let absent: Resource = serde_json::from_str(r#"{"id": "2"}"#).unwrap();
        assert_eq!(absent.links, None);
    }

    #[test]
    fn a_member_that_does_not_fit_fails_when_decoded_with_its_path() {
        let resource: Resource =
            serde_json::from_str(r#"{"id": "1", "links": [{"href": "/a"}, {"href": 7}]}"#).unwrap();
        let error = resource.links.unwrap().decode().unwrap_err();
        assert_eq!(error.path, "[1].href");
        assert!(error.message.contains("expected a string"), "{error}");
        assert!(error.to_string().contains("`[1].href`"), "{error}");
    }

    #[test]
    fn malformed_json_fails_with_the_answer() {
        let error = serde_json::from_str::<Resource>(r#"{"id": "1", "links": [1, }"#).unwrap_err();
        assert!(error.is_syntax(), "{error}");
    }

    #[test]
    fn the_path_of_a_failure_elsewhere_is_still_found() {
        let mut deserializer =
            serde_json::Deserializer::from_str(r#"{"links": [{"href": 1}], "id": 5}"#);
        let error = serde_path_to_error::deserialize::<_, Resource>(&mut deserializer).unwrap_err();
        assert_eq!(error.path().to_string(), "id");
    }

    #[test]
    fn equality_and_debug_use_the_text() {
        let a: Deferred<Link> = serde_json::from_str(r#"{"href": "/a"}"#).unwrap();
        let b: Deferred<Link> = serde_json::from_str(r#"{"href":"/a"}"#).unwrap();
        assert_eq!(a, a.clone());
        assert_ne!(a, b);
        assert_eq!(format!("{b:?}"), r#"Deferred("{\"href\":\"/a\"}")"#);
    }
}
