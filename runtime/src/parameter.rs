//! Parameter values sent as text, and the parameters of a request declared with
//! [`parameters!`](crate::parameters).

use std::fmt::Write as _;

use crate::Request;
use crate::meta::ValueKind;

/// A value sent as a query parameter or header: text, a number, a flag, an enum, or a list
/// of those sent comma-joined.
pub trait Value: Sized {
    /// The kind of value, for callers that fill parameters from text.
    const KIND: ValueKind;

    /// Appends the value as it is sent.
    fn write(&self, out: &mut String);

    /// Reads the value from text as a caller types it (a list: items separated by commas).
    ///
    /// # Errors
    ///
    /// Why the text is not a value of this type.
    fn parse_text(text: &str) -> Result<Self, String>;

    /// The value as it is sent.
    fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Whether the value is left out of the request (an empty list).
    fn is_empty(&self) -> bool {
        false
    }
}

impl Value for String {
    const KIND: ValueKind = ValueKind::String;

    fn write(&self, out: &mut String) {
        out.push_str(self);
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl Value for bool {
    const KIND: ValueKind = ValueKind::Boolean;

    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        text.parse()
            .map_err(|error: std::str::ParseBoolError| error.to_string())
    }
}

macro_rules! numbers {
    ($kind:ident: $($ty:ty),*) => {
        $(
            impl Value for $ty {
                const KIND: ValueKind = ValueKind::$kind;

                fn write(&self, out: &mut String) {
                    // Writing to a String cannot fail.
                    let _ = write!(out, "{self}");
                }

                fn parse_text(text: &str) -> Result<Self, String> {
                    text.parse().map_err(|error| format!("{error}"))
                }
            }

            impl IntoValue<$ty> for $ty {
                fn into_value(self) -> $ty {
                    self
                }
            }
        )*
    };
}

numbers!(Integer: i32, i64);
numbers!(Number: f32, f64);

impl<T: Value> Value for Vec<T> {
    const KIND: ValueKind = ValueKind::List(&T::KIND);

    fn write(&self, out: &mut String) {
        for (index, item) in self.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            item.write(out);
        }
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        text.split(',')
            .map(|item| T::parse_text(item.trim()))
            .collect()
    }

    fn is_empty(&self) -> bool {
        self.is_empty()
    }
}

/// Adds `value` as the query parameter `name`, unless it is an empty list.
pub fn query<T: Value>(request: &mut Request, name: &str, value: &T) {
    if !value.is_empty() {
        request.query(name, value.to_text());
    }
}

/// Adds each item of `values` as a query parameter `name` of its own.
pub fn query_each<T: Value>(request: &mut Request, name: &str, values: &[T]) {
    for value in values {
        request.query(name, value.to_text());
    }
}

/// Sets the header `name` to `value`.
pub fn header<T: Value>(request: &mut Request, name: &'static str, value: &T) {
    request.header(name, value.to_text());
}

/// Adds `value` as the form field `name`.
pub fn form<T: Value>(request: &mut Request, name: &str, value: &T) {
    request.form_field(name, value.to_text());
}

/// What a setter of a generated request takes for a parameter of type `T`: anything that
/// converts into a `String` for text, the value itself for numbers, flags and enums, and any
/// iterator of those for lists.
pub trait IntoValue<T> {
    /// The parameter's value.
    fn into_value(self) -> T;
}

impl<T: Into<String>> IntoValue<String> for T {
    fn into_value(self) -> String {
        self.into()
    }
}

impl IntoValue<bool> for bool {
    fn into_value(self) -> bool {
        self
    }
}

impl<I, T> IntoValue<Vec<T>> for I
where
    I: IntoIterator,
    I::Item: IntoValue<T>,
{
    fn into_value(self) -> Vec<T> {
        self.into_iter().map(IntoValue::into_value).collect()
    }
}

/// Declares the parameters of a generated request: a struct that holds them, the
/// request's constructor (taking the required ones) and a setter for each optional one,
/// and the code that checks, places, describes and parses them.
///
/// The body lists `required { … }` then `optional { … }` parameters, each written
/// `location "wire name" => name: Type,` and optionally followed by the bounds the value is
/// checked against before sending: `[maximum 200]`, `[minimum 1, max_length 10]`,
/// `[pattern "^[a-z]+$"]`, `[one_of [1, 2]]`, `[max_items 5]`. The locations are `path`
/// (placed by the request's own path), `query`, `query_each` (a list as one pair per item),
/// `header`, `body` (JSON), `body_bytes` and `body_text` (sent as they are, by the request
/// itself, which knows their media type), `form` and `file` (form fields). The doc comment
/// of an optional parameter becomes the doc of its setter, followed by where it is sent
/// and its bounds; `#[deprecated = "…"]` after it marks the setter deprecated.
///
/// The request must be a struct with a `client: Client` field and the field named after
/// `in`. The request gets `new`; the parameters struct gets `apply` (checks every value
/// and adds it to a [`Request`](crate::Request)). With `with table` after the field name,
/// for the operation table of callers that pick operations at run time, the parameters
/// struct also gets `PARAMETERS` (their [`ParameterInfo`](crate::meta::ParameterInfo)) and
/// `parse` (reads them from [`Arguments`](crate::meta::Arguments)), and the request
/// `from_arguments`.
///
/// ```
/// pub struct ListApps {
///     client: connector_runtime::Client,
///     parameters: Parameters,
/// }
///
/// connector_runtime::parameters! {
///     /// The parameters of [`ListApps`].
///     struct Parameters in ListApps.parameters {
///         required {
///             path "id" => id: String [min_length 1],
///         }
///         optional {
///             /// Filter by name.
///             query "filter[name]" => filter_name: Vec<String>,
///             query "limit" => limit: i32 [minimum 1, maximum 200],
///         }
///     }
/// }
///
/// # fn main() -> Result<(), connector_runtime::Error> {
/// let client = connector_runtime::Client::builder().base_url("http://127.0.0.1:9").build()?;
/// let list = ListApps::new(client.clone(), "7".into()).filter_name(["Weather", "Maps"]).limit(20);
/// let mut request = connector_runtime::Request::new("List", connector_runtime::Method::GET, "/v1/apps");
/// list.parameters.apply("List", &mut request)?;
/// assert_eq!(request.encoded_query(), "filter%5Bname%5D=Weather%2CMaps&limit=20");
///
/// let list = ListApps::new(client, "7".into()).limit(500);
/// assert!(list.parameters.apply("List", &mut request).is_err());
/// # Ok(()) }
/// ```
#[macro_export]
macro_rules! parameters {
    (
        $(#[$meta:meta])*
        $vis:vis struct $parameters:ident in $request:ident.$slot:ident $(with $table:ident)? {
            required $required:tt
            optional $optional:tt
        }
    ) => {
        $crate::__parameters! {
            core [$(#[$meta])* $vis struct $parameters in $request.$slot] $required $optional
        }
        $(
            $crate::__parameters! {
                $table [$vis struct $parameters in $request.$slot] $required $optional
            }
        )?
    };
}

/// The parts of [`parameters!`](crate::parameters): the struct, the constructor, the
/// setters and `apply` (`core`); the description and the reading from text (`table`).
#[doc(hidden)]
#[macro_export]
macro_rules! __parameters {
    (
        core [$(#[$meta:meta])* $vis:vis struct $parameters:ident in $request:ident.$slot:ident]
        {
            $(
                $(#[doc = $required_doc:literal])*
                $required_location:ident $required_wire:literal => $required:ident : $required_ty:ty
                    $([$($required_check:ident $required_bound:tt),+ $(,)?])?,
            )*
        }
        {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated = $deprecated:literal])?
                $location:ident $wire:literal => $field:ident : $ty:ty
                    $([$($check:ident $bound:tt),+ $(,)?])?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        $vis struct $parameters {
            $( $required: $required_ty, )*
            $( $field: ::core::option::Option<$ty>, )*
        }

        impl $request {
            /// A request with the required parameters and no optional one.
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn new(client: $crate::Client, $($required: $required_ty),*) -> Self {
                Self {
                    client,
                    $slot: $parameters {
                        $( $required, )*
                        $( $field: None, )*
                    },
                }
            }

            $(
                $crate::__setter! {
                    [$(#[doc = $doc])*] [$(#[deprecated = $deprecated])?]
                    $location $wire $slot.$field: $ty [$($($check $bound),+)?]
                }
            )*
        }

        #[allow(dead_code)]
        impl $parameters {
            /// Checks every value that is set against its bounds and adds those that are
            /// not placed by the path or by the request itself.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`]($crate::Error::InvalidRequest) for the first value
            /// out of bounds, or a JSON body that cannot be written.
            $vis fn apply(
                &self,
                operation: &'static str,
                request: &mut $crate::Request,
            ) -> ::core::result::Result<(), $crate::Error> {
                $(
                    let value = &self.$required;
                    $($( $crate::__check!($required_check, operation, $required_wire, value, $required_bound); )+)?
                    $crate::__place!($required_location, request, $required_wire, value);
                )*
                $(
                    if let Some(value) = &self.$field {
                        $($( $crate::__check!($check, operation, $wire, value, $bound); )+)?
                        $crate::__place!($location, request, $wire, value);
                    }
                )*
                Ok(())
            }
        }
    };
    (
        table [$vis:vis struct $parameters:ident in $request:ident.$slot:ident]
        {
            $(
                $(#[doc = $required_doc:literal])*
                $required_location:ident $required_wire:literal => $required:ident : $required_ty:ty
                    $([$($required_check:ident $required_bound:tt),+ $(,)?])?,
            )*
        }
        {
            $(
                $(#[doc = $doc:literal])*
                $(#[deprecated = $deprecated:literal])?
                $location:ident $wire:literal => $field:ident : $ty:ty
                    $([$($check:ident $bound:tt),+ $(,)?])?,
            )*
        }
    ) => {
        impl $request {
            /// A request with the parameters given as text in `arguments`.
            fn from_arguments(
                client: &$crate::Client,
                operation: &'static str,
                arguments: &$crate::meta::Arguments,
            ) -> ::core::result::Result<Self, $crate::Error> {
                Ok(Self {
                    client: client.clone(),
                    $slot: $parameters::parse(operation, arguments)?,
                })
            }
        }

        impl $parameters {
            /// Every parameter, described for callers that fill them from text.
            $vis const PARAMETERS: &'static [$crate::meta::ParameterInfo] = &[
                $(
                    $crate::__parameter_info!(
                        $required_location $required_wire $required $required_ty, true,
                        [$($required_doc),*] [$($($required_check $required_bound),+)?]
                    ),
                )*
                $(
                    $crate::__parameter_info!(
                        $location $wire $field $ty, false,
                        [$($doc),*] [$($($check $bound),+)?]
                    ),
                )*
            ];

            /// Reads every parameter from its text in `arguments`.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`]($crate::Error::InvalidRequest) for a required value
            /// that is missing, or the first value that does not parse.
            $vis fn parse(
                operation: &'static str,
                arguments: &$crate::meta::Arguments,
            ) -> ::core::result::Result<Self, $crate::Error> {
                Ok(Self {
                    $(
                        $required: $crate::__read!($required_location $required_ty, arguments, operation, $required_wire)?
                            .ok_or_else(|| $crate::meta::missing(operation, $required_wire))?,
                    )*
                    $( $field: $crate::__read!($location $ty, arguments, operation, $wire)?, )*
                })
            }
        }
    };
}

/// The setter of an optional parameter, taking what converts into its type.
#[doc(hidden)]
#[macro_export]
macro_rules! __setter {
    (
        [$(#[doc = $doc:literal])*] [$(#[deprecated = $deprecated:literal])?]
        $location:ident $wire:literal $slot:ident.$field:ident : $ty:ty [$($check:ident $bound:tt),*]
    ) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = concat!("Sent as `", $wire, "` (", $crate::__location_words!($location), ").")]
        $(
            #[doc = ""]
            #[doc = concat!("Checked before sending: ", $crate::__bound_doc!($check $bound), ".")]
        )*
        $(#[deprecated = $deprecated])?
        pub fn $field(mut self, value: $crate::__setter_argument!($location $ty)) -> Self {
            self.$slot.$field = Some($crate::__setter_value!($location value));
            self
        }
    };
}

/// What a setter takes for a parameter of each location.
#[doc(hidden)]
#[macro_export]
macro_rules! __setter_argument {
    (body $ty:ty) => { $ty };
    (body_bytes $ty:ty) => { impl ::core::convert::Into<::std::vec::Vec<u8>> };
    (file $ty:ty) => { impl ::core::convert::Into<::std::vec::Vec<u8>> };
    ($location:ident $ty:ty) => { impl $crate::parameter::IntoValue<$ty> };
}

/// How a setter turns its argument into the parameter's value.
#[doc(hidden)]
#[macro_export]
macro_rules! __setter_value {
    (body $value:ident) => {
        $value
    };
    (body_bytes $value:ident) => {
        $value.into()
    };
    (file $value:ident) => {
        $value.into()
    };
    ($location:ident $value:ident) => {
        $crate::parameter::IntoValue::into_value($value)
    };
}

/// Where a parameter goes, in words, for its setter's documentation.
#[doc(hidden)]
#[macro_export]
macro_rules! __location_words {
    (path) => {
        "path"
    };
    (query) => {
        "query"
    };
    (query_each) => {
        "query, one pair per item"
    };
    (header) => {
        "header"
    };
    (body) => {
        "the JSON body"
    };
    (body_bytes) => {
        "the body"
    };
    (body_text) => {
        "the body"
    };
    (form) => {
        "form field"
    };
    (file) => {
        "form file"
    };
}

/// The description of one parameter.
#[doc(hidden)]
#[macro_export]
macro_rules! __parameter_info {
    ($location:ident $wire:literal $field:ident $ty:ty, $required:expr, [$($doc:literal),*] [$($check:ident $bound:tt),*]) => {
        $crate::meta::ParameterInfo {
            wire_name: $wire,
            rust_name: $crate::meta::unraw(stringify!($field)),
            location: $crate::__location!($location),
            required: $required,
            description: $crate::__description!($($doc),*),
            kind: $crate::__kind!($location $ty),
            bounds: &[$($crate::__bound!($check $bound)),*],
        }
    };
}

/// Where a parameter goes, as a [`Location`](crate::meta::Location).
#[doc(hidden)]
#[macro_export]
macro_rules! __location {
    (path) => {
        $crate::meta::Location::Path
    };
    (query) => {
        $crate::meta::Location::Query
    };
    (query_each) => {
        $crate::meta::Location::Query
    };
    (header) => {
        $crate::meta::Location::Header
    };
    (body) => {
        $crate::meta::Location::Body
    };
    (body_bytes) => {
        $crate::meta::Location::Body
    };
    (body_text) => {
        $crate::meta::Location::Body
    };
    (form) => {
        $crate::meta::Location::FormData
    };
    (file) => {
        $crate::meta::Location::FormData
    };
}

/// The kind of value a parameter takes.
#[doc(hidden)]
#[macro_export]
macro_rules! __kind {
    (body $ty:ty) => {
        $crate::meta::ValueKind::String
    };
    (body_text $ty:ty) => {
        $crate::meta::ValueKind::String
    };
    (body_bytes $ty:ty) => {
        $crate::meta::ValueKind::File
    };
    (file $ty:ty) => {
        $crate::meta::ValueKind::File
    };
    ($location:ident $ty:ty) => {
        <$ty as $crate::parameter::Value>::KIND
    };
}

/// Adds a parameter's value to the request.
#[doc(hidden)]
#[macro_export]
macro_rules! __place {
    (path, $request:ident, $wire:literal, $value:ident) => {};
    (body_bytes, $request:ident, $wire:literal, $value:ident) => {};
    (body_text, $request:ident, $wire:literal, $value:ident) => {};
    (query, $request:ident, $wire:literal, $value:ident) => {
        $crate::parameter::query($request, $wire, $value)
    };
    (query_each, $request:ident, $wire:literal, $value:ident) => {
        $crate::parameter::query_each($request, $wire, $value)
    };
    (header, $request:ident, $wire:literal, $value:ident) => {
        $crate::parameter::header($request, $wire, $value)
    };
    (body, $request:ident, $wire:literal, $value:ident) => {
        $request.json_body($value)?;
    };
    (form, $request:ident, $wire:literal, $value:ident) => {
        $crate::parameter::form($request, $wire, $value)
    };
    (file, $request:ident, $wire:literal, $value:ident) => {
        $request.form_file($wire, $wire, ::core::clone::Clone::clone($value));
    };
}

/// Reads a parameter's text from arguments, as its location says.
#[doc(hidden)]
#[macro_export]
macro_rules! __read {
    (body $ty:ty, $arguments:ident, $operation:ident, $wire:literal) => {
        $arguments.json::<$ty>($operation, $wire)
    };
    (body_bytes $ty:ty, $arguments:ident, $operation:ident, $wire:literal) => {
        $arguments.file($operation, $wire)
    };
    (file $ty:ty, $arguments:ident, $operation:ident, $wire:literal) => {
        $arguments.file($operation, $wire)
    };
    ($location:ident $ty:ty, $arguments:ident, $operation:ident, $wire:literal) => {
        $arguments.value::<$ty>($operation, $wire)
    };
}

/// The description of a parameter from its doc lines.
#[doc(hidden)]
#[macro_export]
macro_rules! __description {
    () => {
        None
    };
    ($($doc:literal),+) => {
        Some(concat!($($doc, "\n"),+))
    };
}

/// One bound check of a parameter's value.
#[doc(hidden)]
#[macro_export]
macro_rules! __check {
    (maximum, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::maximum($op, $wire, *$value, $bound, false)?
    };
    (exclusive_maximum, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::maximum($op, $wire, *$value, $bound, true)?
    };
    (minimum, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::minimum($op, $wire, *$value, $bound, false)?
    };
    (exclusive_minimum, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::minimum($op, $wire, *$value, $bound, true)?
    };
    (max_length, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::max_length($op, $wire, $value, $bound)?
    };
    (min_length, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::min_length($op, $wire, $value, $bound)?
    };
    (pattern, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::pattern($op, $wire, $value, $bound)?
    };
    (max_items, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::max_items($op, $wire, $value.len(), $bound)?
    };
    (min_items, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::min_items($op, $wire, $value.len(), $bound)?
    };
    (one_of, $op:ident, $wire:literal, $value:ident, $bound:tt) => {
        $crate::validate::one_of($op, $wire, *$value, &$bound)?
    };
}

/// A bound as a [`Bound`](crate::meta::Bound).
#[doc(hidden)]
#[macro_export]
macro_rules! __bound {
    (maximum $bound:tt) => {
        $crate::meta::Bound::Maximum($bound as f64)
    };
    (exclusive_maximum $bound:tt) => {
        $crate::meta::Bound::ExclusiveMaximum($bound as f64)
    };
    (minimum $bound:tt) => {
        $crate::meta::Bound::Minimum($bound as f64)
    };
    (exclusive_minimum $bound:tt) => {
        $crate::meta::Bound::ExclusiveMinimum($bound as f64)
    };
    (max_length $bound:tt) => {
        $crate::meta::Bound::MaxLength($bound)
    };
    (min_length $bound:tt) => {
        $crate::meta::Bound::MinLength($bound)
    };
    (pattern $bound:tt) => {
        $crate::meta::Bound::Pattern($bound)
    };
    (max_items $bound:tt) => {
        $crate::meta::Bound::MaxItems($bound)
    };
    (min_items $bound:tt) => {
        $crate::meta::Bound::MinItems($bound)
    };
    (one_of $bound:tt) => {
        $crate::meta::Bound::OneOf(stringify!($bound))
    };
}

/// A bound in words, for the setter's documentation.
#[doc(hidden)]
#[macro_export]
macro_rules! __bound_doc {
    (maximum $bound:tt) => {
        concat!("at most ", stringify!($bound))
    };
    (exclusive_maximum $bound:tt) => {
        concat!("less than ", stringify!($bound))
    };
    (minimum $bound:tt) => {
        concat!("at least ", stringify!($bound))
    };
    (exclusive_minimum $bound:tt) => {
        concat!("greater than ", stringify!($bound))
    };
    (max_length $bound:tt) => {
        concat!("at most ", stringify!($bound), " characters")
    };
    (min_length $bound:tt) => {
        concat!("at least ", stringify!($bound), " characters")
    };
    (pattern $bound:tt) => {
        concat!("matches the pattern `", $bound, "`")
    };
    (max_items $bound:tt) => {
        concat!("at most ", stringify!($bound), " items")
    };
    (min_items $bound:tt) => {
        concat!("at least ", stringify!($bound), " items")
    };
    (one_of $bound:tt) => {
        concat!("one of ", stringify!($bound))
    };
}

#[cfg(test)]
mod tests {
    use super::Value;
    use crate::meta::{Arguments, Bound, Location, ValueKind};
    use crate::{Client, Error, Method, Request};

    crate::closed_enum! {
        /// Sort keys.
        pub enum Sort {
            Name = "name",
            NameDescending = "-name",
        }
    }

    #[derive(Debug, Clone)]
    struct List {
        client: Client,
        parameters: Parameters,
    }

    crate::parameters! {
        /// The parameters of a test request.
        struct Parameters in List.parameters with table {
            required {
                /// The shelf.
                path "shelf" => shelf: String [min_length 1],
                header "X-Tenant" => tenant: i64 [minimum 1],
            }
            optional {
                /// Filter by name.
                query "filter[name]" => filter_name: Vec<String>,
                query "sort" => sort: Vec<Sort> [max_items 2],
                query "limit" => limit: i32 [minimum 1, maximum 200],
                query "r#type" => r#type: String [max_length 3, pattern "^[a-z]+$"],
                header "X-Level" => level: f64 [exclusive_maximum 2.5],
                #[deprecated = "Filter by the builds themselves."]
                query "exists[builds]" => exists_builds: bool,
                query_each "id" => ids: Vec<String>,
                body "body" => body: serde_json::Value,
                form "note" => note: String,
                file "upload" => upload: Vec<u8>,
            }
        }
    }

    fn list() -> List {
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .build()
            .unwrap();
        List::new(client, "top".into(), 7)
    }

    fn apply(list: &List) -> Result<Request, Error> {
        let mut request = Request::new("List", Method::GET, "/v1/apps");
        list.parameters.apply("List", &mut request)?;
        Ok(request)
    }

    #[test]
    #[allow(deprecated, reason = "the deprecated setter still works")]
    fn values_are_placed_comma_joined_or_one_per_item_and_checked() {
        let full = list()
            .filter_name(["Weather", "Maps"])
            .sort([Sort::NameDescending, Sort::Name])
            .limit(20)
            .level(1.5)
            .exists_builds(true)
            .r#type("app")
            .ids(["1", "2"]);
        let request = apply(&full).unwrap();
        assert_eq!(
            request.encoded_query(),
            "filter%5Bname%5D=Weather%2CMaps&sort=-name%2Cname&limit=20&r%23type=app\
             &exists%5Bbuilds%5D=true&id=1&id=2"
        );
        assert_eq!(
            request.headers(),
            [("X-Tenant", "7".to_owned()), ("X-Level", "1.5".to_owned())]
        );
        for bad in [
            list().limit(0),
            list().limit(201),
            list().level(2.5),
            list().r#type("apps"),
            list().r#type("AB"),
            list().sort([Sort::Name; 3]),
            List::new(list().client, String::new(), 7),
            List::new(list().client, "top".into(), 0),
        ] {
            assert!(
                matches!(apply(&bad), Err(Error::InvalidRequest { .. })),
                "{bad:?}"
            );
        }
        let empty = apply(&list().filter_name(Vec::<String>::new())).unwrap();
        assert!(empty.query_pairs().is_empty());
    }

    #[test]
    fn bodies_and_forms_are_placed() {
        let with_body = apply(&list().body(serde_json::json!({"a": 1}))).unwrap();
        assert_eq!(with_body.body(), Some(&br#"{"a":1}"#[..]));
        let form = apply(&list().note("hi").upload(b"x".to_vec())).unwrap();
        assert_eq!(form.form_fields(), [("note", "hi")]);
        assert!(form.is_multipart(), "a file makes the form multipart");
    }

    #[test]
    fn parameters_are_described_and_parsed_from_text() {
        let info = Parameters::PARAMETERS;
        assert_eq!(info.len(), 12);
        assert_eq!((info[0].wire_name, info[0].required), ("shelf", true));
        assert_eq!(info[0].location, Location::Path);
        assert_eq!(info[0].description, Some(" The shelf.\n"));
        assert_eq!(info[2].kind, ValueKind::List(&ValueKind::String));
        assert!(!info[2].required);
        assert_eq!(
            info[3].kind,
            ValueKind::List(&ValueKind::Enum(&["name", "-name"]))
        );
        assert_eq!(Sort::ALL.len(), 2);
        assert_eq!(info[4].bounds, [Bound::Minimum(1.0), Bound::Maximum(200.0)]);
        assert_eq!(info[5].rust_name, "type");
        assert_eq!(info[6].location, Location::Header);
        assert_eq!(
            (info[9].kind, info[11].kind),
            (ValueKind::String, ValueKind::File)
        );
        let mut arguments = Arguments::new();
        arguments
            .insert("shelf", "top")
            .insert("X-Tenant", "3")
            .insert("sort", "-name,name")
            .insert("limit", "7");
        let client = list().client;
        let parsed = List::from_arguments(&client, "List", &arguments).unwrap();
        assert_eq!(parsed.parameters.tenant, 3);
        assert_eq!(parsed.parameters.limit, Some(7));
        assert_eq!(
            parsed.parameters.sort,
            Some(vec![Sort::NameDescending, Sort::Name])
        );
        arguments.insert("sort", "size");
        assert!(List::from_arguments(&client, "List", &arguments).is_err());
        let missing = List::from_arguments(&client, "List", &Arguments::new())
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("`shelf`") && missing.contains("required"),
            "{missing}"
        );
    }

    #[test]
    fn lists_write_their_items_comma_joined() {
        assert_eq!(vec![1, 2, 3].to_text(), "1,2,3");
        assert_eq!(Vec::<i64>::KIND, ValueKind::List(&ValueKind::Integer));
    }
}
