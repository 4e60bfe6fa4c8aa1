//! Structs of generated code, declared with [`model!`](macro@crate::model).
//!
//! A model lists each field once with its JSON name; the macro adds `Debug`, `Clone`,
//! `PartialEq` and serde's `Serialize` and `Deserialize`. How a member the document leaves
//! out is read, and whether a field is left out when writing, follows the field's type
//! ([`Field`]): `Option`s, lists and maps may be absent (and are left out when empty),
//! everything else is required.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de;

/// How a field's type treats a member that the JSON document leaves out.
///
/// Implemented by the runtime for primitives, `Option`, `Vec`, `BTreeMap`, `Box` and
/// `serde_json::Value`, and by the macros for every generated type.
pub trait Field: Sized {
    /// The value of a member that is left out, or `None` when the member is required.
    fn absent() -> Option<Self> {
        None
    }

    /// Whether the value is left out when the document is written.
    fn omit(&self) -> bool {
        false
    }
}

impl<T> Field for Option<T> {
    fn absent() -> Option<Self> {
        Some(None)
    }

    fn omit(&self) -> bool {
        self.is_none()
    }
}

impl<T> Field for Vec<T> {
    fn absent() -> Option<Self> {
        Some(Vec::new())
    }

    fn omit(&self) -> bool {
        self.is_empty()
    }
}

impl<K: Ord, V> Field for BTreeMap<K, V> {
    fn absent() -> Option<Self> {
        Some(BTreeMap::new())
    }

    fn omit(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Field> Field for Box<T> {
    fn absent() -> Option<Self> {
        T::absent().map(Box::new)
    }

    fn omit(&self) -> bool {
        (**self).omit()
    }
}

macro_rules! required_fields {
    ($($ty:ty),*) => {
        $(impl Field for $ty {})*
    };
}

required_fields!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    serde_json::Value
);

/// A field type with an empty value: what a constructor leaves in the members it is not
/// given. Only types that may be absent have one, so a constructor that forgets a required
/// member does not compile.
pub trait Empty {
    /// The empty value: `None`, an empty list or map.
    fn empty() -> Self;
}

impl<T> Empty for Option<T> {
    fn empty() -> Self {
        None
    }
}

impl<T> Empty for Vec<T> {
    fn empty() -> Self {
        Vec::new()
    }
}

impl<K: Ord, V> Empty for BTreeMap<K, V> {
    fn empty() -> Self {
        BTreeMap::new()
    }
}

impl<T: Empty> Empty for Box<T> {
    fn empty() -> Self {
        Box::new(T::empty())
    }
}

/// A member a constructor was not given, of type `T`.
#[doc(hidden)]
pub struct Absent<T>(std::marker::PhantomData<T>);

impl<T> Default for Absent<T> {
    fn default() -> Self {
        Self(std::marker::PhantomData)
    }
}

/// The value of a member in a constructor: the argument itself, or empty when absent.
#[doc(hidden)]
pub trait Init<T> {
    /// The member's value.
    fn init(self) -> T;
}

impl<T> Init<T> for T {
    fn init(self) -> T {
        self
    }
}

impl<T: Empty> Init<T> for Absent<T> {
    fn init(self) -> T {
        T::empty()
    }
}

/// A member name read from a JSON object, borrowed from the input where it can be.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;

        impl<'de> de::Visitor<'de> for Name {
            type Value = Key<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }

            fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(Name)
    }
}

/// Declares a struct read from and written to a JSON object.
///
/// The struct names the serde traits it implements after a colon: `Deserialize` for what
/// a server answers, `Serialize` for what a client sends, or both. Each field is written
/// `"json name" => pub name: Type,`. A field whose type is an `Option`, a `Vec` or a
/// `BTreeMap` may be absent (read as `None` or empty, and left out when writing if so); a
/// field of any other type is required. A list or map that is required, and written even
/// when empty, is marked `[required]` after its type. A last field
/// `.. => pub name: BTreeMap<String, T>,` keeps the members no field names.
///
/// The struct derives `Debug`, `Clone` and `PartialEq`; add other derives, such as
/// `Default`, as attributes. Unknown members are ignored unless a `..` field keeps them.
/// Each field's documentation ends with the name of its JSON member.
///
/// ```
/// connector_runtime::model! {
///     /// An app.
///     pub struct App: Serialize + Deserialize {
///         "id" => pub id: String,
///         "bundleId" => pub bundle_id: Option<String>,
///         "tags" => pub tags: Vec<String>,
///     }
/// }
///
/// let app: App = serde_json::from_str(r#"{"id": "1", "bundleId": "a.b", "x": 2}"#).unwrap();
/// assert_eq!(app.bundle_id.as_deref(), Some("a.b"));
/// assert!(app.tags.is_empty());
/// assert_eq!(serde_json::to_string(&app).unwrap(), r#"{"id":"1","bundleId":"a.b"}"#);
/// assert!(serde_json::from_str::<App>("{}").is_err());
/// ```
///
/// Every model is `#[non_exhaustive]`, so a member added to the definition is a new field,
/// never a break of code that uses the struct. What requests carry is built with
/// `new(required members)`, declared after the serde traits, or with `Default` when every
/// member is optional; optional members are then set by name:
///
/// ```
/// connector_runtime::model! {
///     /// A new app.
///     pub struct AppCreate: Serialize new(name: String, tags: Vec<String>) {
///         "name" => pub name: String,
///         "tags" => pub tags: Vec<String> [required],
///         "note" => pub note: Option<String>,
///     }
/// }
///
/// let mut create = AppCreate::new("Zen".to_owned(), Vec::new());
/// create.note = Some("first".to_owned());
/// let json = serde_json::to_string(&create).unwrap();
/// assert_eq!(json, r#"{"name":"Zen","tags":[],"note":"first"}"#);
/// ```
#[macro_export]
macro_rules! model {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : Serialize + Deserialize new($($arg:ident : $arg_ty:ty),+ $(,)?) { $($body:tt)* }
    ) => {
        $crate::model! { $(#[$meta])* $vis struct $name: Serialize + Deserialize { $($body)* } }
        $crate::__model_new! { $name ($($arg: $arg_ty),+) { $($body)* } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : $serde:ident new($($arg:ident : $arg_ty:ty),+ $(,)?) { $($body:tt)* }
    ) => {
        $crate::model! { $(#[$meta])* $vis struct $name: $serde { $($body)* } }
        $crate::__model_new! { $name ($($arg: $arg_ty),+) { $($body)* } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : Serialize + Deserialize { $($body:tt)* }
    ) => {
        $crate::__model_struct! { $(#[$meta])* $vis struct $name { $($body)* } }
        $crate::__model_serde! { Serialize $name { $($body)* } }
        $crate::__model_serde! { Deserialize $name { $($body)* } }
    };
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident : $serde:ident { $($body:tt)* }
    ) => {
        $crate::__model_struct! { $(#[$meta])* $vis struct $name { $($body)* } }
        $crate::__model_serde! { $serde $name { $($body)* } }
    };
}

/// The struct of [`model!`](macro@crate::model), with its derives and field impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $wire:literal => $field_vis:vis $field:ident : $ty:ty $([$required:ident])?,
            )*
            $(
                .. => $rest_vis:vis $rest:ident : $rest_ty:ty $(,)?
            )?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        $vis struct $name {
            $(
                $(#[$field_meta])*
                #[doc = ""]
                #[doc = concat!("The JSON member `", $wire, "`.")]
                $field_vis $field: $ty,
            )*
            $(
                /// Members the definition does not name, as they were received.
                $rest_vis $rest: $rest_ty,
            )?
        }

        impl $crate::model::Field for $name {}
    };
}

/// The constructor of [`model!`](macro@crate::model): `new` takes the required fields and
/// leaves the others empty. A field that is neither given nor able to be empty (an
/// `Option`, a list or a map) does not compile.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_new {
    (
        $name:ident ($($arg:ident : $arg_ty:ty),+) {
            $(
                $(#[$field_meta:meta])*
                $wire:literal => $field_vis:vis $field:ident : $ty:ty $([$required:ident])?,
            )*
            $(
                .. => $rest_vis:vis $rest:ident : $rest_ty:ty $(,)?
            )?
        }
    ) => {
        impl $name {
            #[doc = concat!("A `", stringify!($name), "` with the members it requires; the others are empty.")]
            #[allow(clippy::too_many_arguments, reason = "one argument per required member")]
            #[allow(deprecated)]
            pub fn new($($arg: $arg_ty),+) -> Self {
                let __given = ($($arg,)+);
                $( let $field = <$crate::model::Absent<$ty> as ::core::default::Default>::default(); )*
                $( let $rest = <$crate::model::Absent<$rest_ty> as ::core::default::Default>::default(); )?
                let ($($arg,)+) = __given;
                Self {
                    $( $field: $crate::model::Init::init($field), )*
                    $( $rest: $crate::model::Init::init($rest), )?
                }
            }
        }
    };
}

/// One serde impl of [`model!`](macro@crate::model): `Serialize` or `Deserialize`.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_serde {
    (
        Serialize $name:ident {
            $(
                $(#[$field_meta:meta])*
                $wire:literal => $field_vis:vis $field:ident : $ty:ty $([$required:ident])?,
            )*
            $(
                .. => $rest_vis:vis $rest:ident : $rest_ty:ty $(,)?
            )?
        }
    ) => {
        #[allow(deprecated)]
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                use $crate::__private::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                $(
                    if !$crate::__model_omit!(&self.$field $(, $required)?) {
                        map.serialize_entry($wire, &self.$field)?;
                    }
                )*
                $(
                    for (key, value) in &self.$rest {
                        map.serialize_entry(key, value)?;
                    }
                )?
                map.end()
            }
        }
    };
    (
        Deserialize $name:ident {
            $(
                $(#[$field_meta:meta])*
                $wire:literal => $field_vis:vis $field:ident : $ty:ty $([$required:ident])?,
            )*
            $(
                .. => $rest_vis:vis $rest:ident : $rest_ty:ty $(,)?
            )?
        }
    ) => {
        #[allow(deprecated)]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                struct __Visitor;

                impl<'de> $crate::__private::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;

                    fn expecting(
                        &self,
                        formatter: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        formatter.write_str(concat!("a `", stringify!($name), "` object"))
                    }

                    fn visit_map<__A>(self, mut map: __A) -> ::core::result::Result<$name, __A::Error>
                    where
                        __A: $crate::__private::serde::de::MapAccess<'de>,
                    {
                        $( let mut $field: ::core::option::Option<$ty> = None; )*
                        $( let mut $rest: $rest_ty = ::core::default::Default::default(); )?
                        while let Some(key) = map.next_key::<$crate::model::Key<'de>>()? {
                            match key.as_str() {
                                $( $wire => $field = Some(map.next_value()?), )*
                                _ => $crate::__model_rest!(map, key $(, $rest)?),
                            }
                        }
                        Ok($name {
                            $(
                                $field: match $field {
                                    Some(value) => value,
                                    None => match $crate::__model_absent!($ty $(, $required)?) {
                                        Some(value) => value,
                                        None => return Err(
                                            <__A::Error as $crate::__private::serde::de::Error>::missing_field($wire),
                                        ),
                                    },
                                },
                            )*
                            $( $rest, )?
                        })
                    }
                }

                deserializer.deserialize_map(__Visitor)
            }
        }
    };
}

/// Whether a field is left out when writing: by its type, or never when `[required]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_omit {
    ($value:expr) => {
        $crate::model::Field::omit($value)
    };
    ($value:expr, required) => {
        false
    };
}

/// The value of a member the document left out: by its type, or none when the field is
/// marked `[required]`.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_absent {
    ($ty:ty) => {
        <$ty as $crate::model::Field>::absent()
    };
    ($ty:ty, required) => {
        ::core::option::Option::<$ty>::None
    };
}

/// A member no field names: kept in the `..` field, or skipped.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_rest {
    ($map:ident, $key:ident) => {{
        $map.next_value::<$crate::__private::serde::de::IgnoredAny>()?;
    }};
    ($map:ident, $key:ident, $rest:ident) => {{
        let value = $map.next_value()?;
        $rest.insert($key.into_string(), value);
    }};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    crate::model! {
        /// A link.
        #[derive(Default)]
        pub struct Links: Serialize + Deserialize {
            "next" => pub next: Option<String>,
        }
    }

    crate::model! {
        /// A page.
        pub struct Page: Serialize + Deserialize {
            /// The items.
            "data" => pub data: Vec<i64> [required],
            "type" => pub r#type: String,
            "links" => pub links: Option<Box<Links>>,
            "included" => pub included: Vec<serde_json::Value>,
            "meta" => pub meta: BTreeMap<String, i64>,
        }
    }

    crate::model! {
        /// An open object.
        pub struct Open: Serialize + Deserialize {
            "map" => pub map: Option<String>,
            .. => pub rest: BTreeMap<String, serde_json::Value>,
        }
    }

    #[test]
    fn absent_members_follow_the_field_type() {
        let page: Page = serde_json::from_str(r#"{"data": [1], "type": "pages"}"#).unwrap();
        assert_eq!(page.data, [1]);
        assert_eq!(page.links, None);
        assert!(page.included.is_empty() && page.meta.is_empty());
        let missing = serde_json::from_str::<Page>(r#"{"type": "pages"}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `data`"),
            "{missing}"
        );
        let missing = serde_json::from_str::<Page>(r#"{"data": []}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `type`"),
            "{missing}"
        );
    }

    #[test]
    fn writing_leaves_out_what_is_empty_unless_required() {
        let page = Page {
            data: Vec::new(),
            r#type: "pages".into(),
            links: Some(Box::new(Links::default())),
            included: Vec::new(),
            meta: BTreeMap::new(),
        };
        assert_eq!(
            serde_json::to_string(&page).unwrap(),
            r#"{"data":[],"type":"pages","links":{}}"#
        );
    }

    #[test]
    fn a_rest_field_keeps_unnamed_members() {
        let open: Open = serde_json::from_str(r#"{"map": "m", "a": 1, "b": [true]}"#).unwrap();
        assert_eq!(open.map.as_deref(), Some("m"));
        assert_eq!(open.rest.len(), 2);
        assert_eq!(
            serde_json::to_string(&open).unwrap(),
            r#"{"map":"m","a":1,"b":[true]}"#
        );
    }

    crate::model! {
        /// Read only.
        pub struct Answer: Deserialize {
            "id" => pub id: String,
        }
    }

    #[test]
    fn a_model_implements_the_traits_it_names() {
        fn deserialize<T: serde::de::DeserializeOwned>() {}
        deserialize::<Answer>();
        let answer: Answer = serde_json::from_str(r#"{"id": "7"}"#).unwrap();
        assert_eq!(answer.id, "7");
    }

    #[test]
    fn errors_name_the_path_and_the_type() {
        let mut deserializer =
            serde_json::Deserializer::from_str(r#"{"data": [1, "x"], "type": "t"}"#);
        let error = serde_path_to_error::deserialize::<_, Page>(&mut deserializer).unwrap_err();
        assert_eq!(error.path().to_string(), "data[1]");
        let error = serde_json::from_str::<Page>("[1]").unwrap_err().to_string();
        assert!(error.contains("a `Page` object"), "{error}");
    }
}
