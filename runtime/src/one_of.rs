//! Values that are one of several types, declared with [`one_of!`](macro@crate::one_of): a JSON:API
//! resource told apart by its `type` member, or a value whose variants have no tag.

use serde::de::DeserializeOwned;

/// The text of `value`'s member `tag`, when it is a string.
pub fn tag<'a>(value: &'a serde_json::Value, tag: &str) -> Option<&'a str> {
    value.get(tag).and_then(serde_json::Value::as_str)
}

/// Decodes `value` as `T`, naming the variant in the error.
///
/// # Errors
///
/// Why `value` is not a `T`, with the JSON path inside it.
pub fn decode<T: DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
    variant: &str,
) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if path == "." {
            E::custom(format_args!("as {variant}: {inner}"))
        } else {
            E::custom(format_args!("as {variant}, at {path}: {inner}"))
        }
    })
}

/// Whether `value` decodes as `T`.
pub fn fits<T: DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// Declares an enum whose value is one of several types.
///
/// After the name come the serde traits it implements, as for
/// [`model!`](macro@crate::model): `Deserialize`, `Serialize`, or both. With
/// `by "member"` after them, the variants are told apart by that member of the JSON object
/// (JSON:API resources by `"type"`): each variant is written `"tag" => Name(Type),`.
/// Without it, each variant is written `Name(Type),` and the first variant the value
/// decodes as is taken. A last arm `_ => Name,` keeps anything else as a
/// `serde_json::Value`, so values a server adds never fail to decode.
///
/// The enum derives `Debug`, `Clone` and `PartialEq`, and is written as its variant's value.
///
/// ```
/// connector_runtime::model! {
///     /// An app.
///     pub struct App: Deserialize { "id" => pub id: String, }
/// }
/// connector_runtime::model! {
///     /// A build.
///     pub struct Build: Deserialize { "id" => pub id: String, "version" => pub version: Option<String>, }
/// }
/// connector_runtime::one_of! {
///     /// A resource of a document's `included`.
///     pub enum Included: Deserialize by "type" {
///         "apps" => App(App),
///         "builds" => Build(Build),
///         _ => Unknown,
///     }
/// }
///
/// let included: Vec<Included> = serde_json::from_str(
///     r#"[{"type": "builds", "id": "2"}, {"type": "users", "id": "3"}]"#,
/// ).unwrap();
/// assert!(matches!(&included[0], Included::Build(build) if build.id == "2"));
/// assert!(matches!(&included[1], Included::Unknown(value) if value["type"] == "users"));
/// ```
#[macro_export]
macro_rules! one_of {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : Serialize + Deserialize $(by $tag:literal)? { $($body:tt)* }
    ) => {
        $crate::one_of! { $(#[$meta])* $vis enum $name: Deserialize $(by $tag)? { $($body)* } }
        $crate::__one_of_serialize! { $name { $($body)* } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : Serialize by $tag:literal {
            $( $(#[$variant_meta:meta])* $wire:literal => $variant:ident($ty:ty), )*
            _ => $unknown:ident $(,)?
        }
    ) => {
        $crate::__one_of_type! {
            $(#[$meta])* $vis enum $name {
                $( #[doc = concat!("A resource whose `", $tag, "` is `", $wire, "`.")] $(#[$variant_meta])* $variant($ty), )*
            }
            $unknown
        }
        $crate::__one_of_serialize! { $name { $( $wire => $variant($ty), )* _ => $unknown } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : Serialize {
            $( $(#[$variant_meta:meta])* $variant:ident($ty:ty), )*
            _ => $unknown:ident $(,)?
        }
    ) => {
        $crate::__one_of_type! {
            $(#[$meta])* $vis enum $name {
                $( #[doc = concat!("The value, when it is a `", stringify!($variant), "`.")] $(#[$variant_meta])* $variant($ty), )*
            }
            $unknown
        }
        $crate::__one_of_serialize! { $name { $( $variant($ty), )* _ => $unknown } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : Deserialize by $tag:literal {
            $( $(#[$variant_meta:meta])* $wire:literal => $variant:ident($ty:ty), )*
            _ => $unknown:ident $(,)?
        }
    ) => {
        $crate::__one_of_type! {
            $(#[$meta])* $vis enum $name {
                $( #[doc = concat!("A resource whose `", $tag, "` is `", $wire, "`.")] $(#[$variant_meta])* $variant($ty), )*
            }
            $unknown
        }

        #[allow(deprecated)]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                let value: $crate::__private::serde_json::Value =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                match $crate::one_of::tag(&value, $tag) {
                    $( Some($wire) => $crate::one_of::decode(value, stringify!($variant)).map(Self::$variant), )*
                    _ => Ok(Self::$unknown(value)),
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : Deserialize {
            $( $(#[$variant_meta:meta])* $variant:ident($ty:ty), )*
            _ => $unknown:ident $(,)?
        }
    ) => {
        $crate::__one_of_type! {
            $(#[$meta])* $vis enum $name {
                $( #[doc = concat!("The value, when it decodes as a `", stringify!($variant), "`.")] $(#[$variant_meta])* $variant($ty), )*
            }
            $unknown
        }

        #[allow(deprecated)]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                let value: $crate::__private::serde_json::Value =
                    $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                $(
                    if let Some(variant) = $crate::one_of::fits::<$ty>(&value) {
                        return Ok(Self::$variant(variant));
                    }
                )*
                Ok(Self::$unknown(value))
            }
        }
    };
}

/// The enum of [`one_of!`](macro@crate::one_of) and its field impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __one_of_type {
    (
        $(#[$meta:meta])* $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident($ty:ty), )*
        }
        $unknown:ident
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant($ty), )*
            /// A value of none of the types above, as it was received.
            $unknown($crate::__private::serde_json::Value),
        }

        impl $crate::model::Field for $name {}
    };
}

/// `Serialize` for [`one_of!`](macro@crate::one_of): the variant's value, as it is.
#[doc(hidden)]
#[macro_export]
macro_rules! __one_of_serialize {
    (
        $name:ident {
            $( $(#[$variant_meta:meta])* $($wire:literal =>)? $variant:ident($ty:ty), )*
            _ => $unknown:ident $(,)?
        }
    ) => {
        #[allow(deprecated)]
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                match self {
                    $( Self::$variant(value) => $crate::__private::serde::Serialize::serialize(value, serializer), )*
                    Self::$unknown(value) => $crate::__private::serde::Serialize::serialize(value, serializer),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::model! {
        /// A pointer.
        pub struct Pointer: Serialize + Deserialize {
            "pointer" => pub pointer: String,
        }
    }

    crate::model! {
        /// A parameter.
        pub struct Parameter: Serialize + Deserialize {
            "parameter" => pub parameter: String,
        }
    }

    crate::model! {
        /// An app.
        pub struct App: Serialize + Deserialize {
            "type" => pub r#type: String,
            "id" => pub id: String,
        }
    }

    crate::one_of! {
        /// Where an error is.
        pub enum Source: Serialize + Deserialize {
            Pointer(Pointer),
            Parameter(Parameter),
            _ => Other,
        }
    }

    crate::one_of! {
        /// A resource.
        pub enum Resource: Serialize + Deserialize by "type" {
            "apps" => App(App),
            _ => Unknown,
        }
    }

    crate::one_of! {
        /// Written only.
        pub enum Sent: Serialize {
            Pointer(Pointer),
            _ => Other,
        }
    }

    #[test]
    fn a_written_union_is_its_value() {
        let sent = Sent::Pointer(Pointer {
            pointer: "/a".into(),
        });
        assert_eq!(
            serde_json::to_string(&[sent, Sent::Other(serde_json::json!(1))]).unwrap(),
            r#"[{"pointer":"/a"},1]"#
        );
    }

    #[test]
    fn untagged_values_take_the_first_variant_that_fits() {
        let sources: Vec<Source> =
            serde_json::from_str(r#"[{"parameter": "limit"}, {"pointer": "/data"}, 3]"#).unwrap();
        assert!(matches!(&sources[0], Source::Parameter(p) if p.parameter == "limit"));
        assert!(matches!(&sources[1], Source::Pointer(p) if p.pointer == "/data"));
        assert_eq!(sources[2], Source::Other(serde_json::json!(3)));
        assert_eq!(
            serde_json::to_string(&sources).unwrap(),
            r#"[{"parameter":"limit"},{"pointer":"/data"},3]"#
        );
    }

    #[test]
    fn tagged_values_decode_by_their_tag_and_name_what_does_not_fit() {
        let app: Resource = serde_json::from_str(r#"{"type": "apps", "id": "1"}"#).unwrap();
        assert!(matches!(&app, Resource::App(app) if app.id == "1"));
        assert_eq!(
            serde_json::to_value(&app).unwrap(),
            serde_json::json!({"type": "apps", "id": "1"})
        );
        let error = serde_json::from_str::<Resource>(r#"{"type": "apps", "id": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("as App, at id: invalid type"), "{error}");
        let other: Resource = serde_json::from_str(r#"{"type": 5}"#).unwrap();
        assert!(matches!(other, Resource::Unknown(_)));
    }
}
