//! Query and header parameter values, and the optional parameters of a request declared
//! with [`options!`](crate::options).

use std::fmt::Write as _;

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

/// Declares the optional query and header parameters of a generated request: a struct that
/// holds them, a setter on the request for each, and the code that checks and sends them.
///
/// Each parameter is written `location "wire name" => name: Type,` where the location is
/// `query` or `header`, optionally followed by the bounds the value is checked against
/// before sending: `[maximum 200]`, `[minimum 1, max_length 10]`, `[pattern "^[a-z]+$"]`,
/// `[one_of [1, 2]]`, `[max_items 5]`. The doc comment of each parameter becomes the doc
/// of its setter, followed by where it is sent and its bounds.
///
/// The options struct gets `apply` (checks every value set and adds it to a
/// [`Request`](crate::Request)), `parse` (fills the values from
/// [`Arguments`](crate::meta::Arguments)) and `PARAMETERS` (their
/// [`ParameterInfo`](crate::meta::ParameterInfo)).
///
/// ```
/// pub struct ListApps {
///     options: Options,
/// }
///
/// connector_runtime::options! {
///     /// The optional parameters of [`ListApps`].
///     struct Options in ListApps.options {
///         /// Filter by name.
///         query "filter[name]" => filter_name: Vec<String>,
///         query "limit" => limit: i32 [minimum 1, maximum 200],
///     }
/// }
///
/// # fn main() -> Result<(), connector_runtime::Error> {
/// let list = ListApps { options: Options::default() }.filter_name(["Weather", "Maps"]).limit(20);
/// let mut request = connector_runtime::Request::new("List", connector_runtime::Method::GET, "/v1/apps");
/// list.options.apply("List", &mut request)?;
/// assert_eq!(request.encoded_query(), "filter%5Bname%5D=Weather%2CMaps&limit=20");
///
/// let list = ListApps { options: Options::default() }.limit(500);
/// assert!(list.options.apply("List", &mut request).is_err());
/// # Ok(()) }
/// ```
#[macro_export]
macro_rules! options {
    (
        $(#[$meta:meta])*
        $vis:vis struct $options:ident in $request:ident.$slot:ident {
            $(
                $(#[doc = $doc:literal])*
                $location:ident $wire:literal => $field:ident : $ty:ty
                    $([$($check:ident $bound:tt),+ $(,)?])?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default)]
        $vis struct $options {
            $( $field: ::core::option::Option<$ty>, )*
        }

        impl $request {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("Sent as `", $wire, "` (", stringify!($location), ").")]
                $($(
                    #[doc = ""]
                    #[doc = concat!("Checked before sending: ", $crate::__bound_doc!($check $bound), ".")]
                )+)?
                pub fn $field(mut self, value: impl $crate::parameter::IntoValue<$ty>) -> Self {
                    self.$slot.$field = Some($crate::parameter::IntoValue::into_value(value));
                    self
                }
            )*
        }

        #[allow(dead_code)]
        impl $options {
            /// Every parameter, described for callers that fill them from text.
            $vis const PARAMETERS: &'static [$crate::meta::ParameterInfo] = &[
                $(
                    $crate::meta::ParameterInfo {
                        wire_name: $wire,
                        rust_name: $crate::meta::unraw(stringify!($field)),
                        location: $crate::__location!($location),
                        required: false,
                        description: $crate::__description!($($doc),*),
                        kind: <$ty as $crate::parameter::Value>::KIND,
                        bounds: &[$($($crate::__bound!($check $bound)),+)?],
                    },
                )*
            ];

            /// Checks every value that is set against its bounds and adds it to `request`.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`]($crate::Error::InvalidRequest) for the first value
            /// out of bounds.
            $vis fn apply(
                &self,
                operation: &'static str,
                request: &mut $crate::Request,
            ) -> ::core::result::Result<(), $crate::Error> {
                $(
                    if let Some(value) = &self.$field {
                        $($( $crate::__check!($check, operation, $wire, value, $bound); )+)?
                        if !$crate::parameter::Value::is_empty(value) {
                            $crate::__send!($location, request, $wire, value);
                        }
                    }
                )*
                Ok(())
            }

            /// Sets every parameter given in `arguments`, parsed from text.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidRequest`]($crate::Error::InvalidRequest) for the first value
            /// that does not parse.
            $vis fn parse(
                &mut self,
                operation: &'static str,
                arguments: &$crate::meta::Arguments,
            ) -> ::core::result::Result<(), $crate::Error> {
                $(
                    if let Some(value) = arguments.value::<$ty>(operation, $wire)? {
                        self.$field = Some(value);
                    }
                )*
                Ok(())
            }
        }
    };
}

/// Where an option goes, as a [`Location`](crate::meta::Location).
#[doc(hidden)]
#[macro_export]
macro_rules! __location {
    (query) => {
        $crate::meta::Location::Query
    };
    (header) => {
        $crate::meta::Location::Header
    };
}

/// Adds an option's value to the request.
#[doc(hidden)]
#[macro_export]
macro_rules! __send {
    (query, $request:ident, $wire:literal, $value:ident) => {
        $request.query($wire, $crate::parameter::Value::to_text($value));
    };
    (header, $request:ident, $wire:literal, $value:ident) => {
        $request.header($wire, $crate::parameter::Value::to_text($value));
    };
}

/// The description of an option from its doc lines.
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

/// One bound check of an option's value.
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
    use crate::{Error, Method, Request};

    crate::closed_enum! {
        /// Sort keys.
        pub enum Sort {
            Name = "name",
            NameDescending = "-name",
        }
    }

    #[derive(Debug, Clone, Default)]
    struct List {
        options: Options,
    }

    crate::options! {
        /// The optional parameters of a test request.
        struct Options in List.options {
            /// Filter by name.
            query "filter[name]" => filter_name: Vec<String>,
            query "sort" => sort: Vec<Sort> [max_items 2],
            query "limit" => limit: i32 [minimum 1, maximum 200],
            query "r#type" => r#type: String [max_length 3, pattern "^[a-z]+$"],
            header "X-Level" => level: f64 [exclusive_maximum 2.5],
            query "exists[builds]" => exists_builds: bool,
        }
    }

    fn apply(list: &List) -> Result<Request, Error> {
        let mut request = Request::new("List", Method::GET, "/v1/apps");
        list.options.apply("List", &mut request)?;
        Ok(request)
    }

    #[test]
    fn values_are_sent_comma_joined_and_checked() {
        let list = List::default()
            .filter_name(["Weather", "Maps"])
            .sort([Sort::NameDescending, Sort::Name])
            .limit(20)
            .level(1.5)
            .exists_builds(true)
            .r#type("app");
        let request = apply(&list).unwrap();
        assert_eq!(
            request.query_pairs(),
            [
                ("filter[name]".into(), "Weather,Maps".into()),
                ("sort".into(), "-name,name".into()),
                ("limit".into(), "20".into()),
                ("r#type".into(), "app".into()),
                ("exists[builds]".into(), "true".into()),
            ]
        );
        assert_eq!(request.headers(), [("X-Level", "1.5".to_owned())]);
        for bad in [
            List::default().limit(0),
            List::default().limit(201),
            List::default().level(2.5),
            List::default().r#type("apps"),
            List::default().r#type("AB"),
            List::default().sort([Sort::Name; 3]),
        ] {
            assert!(
                matches!(apply(&bad), Err(Error::InvalidRequest { .. })),
                "{bad:?}"
            );
        }
        let empty = apply(&List::default().filter_name(Vec::<String>::new())).unwrap();
        assert!(empty.query_pairs().is_empty());
    }

    #[test]
    fn parameters_are_described_and_parsed_from_text() {
        let info = &Options::PARAMETERS;
        assert_eq!(info.len(), 6);
        assert_eq!(info[0].wire_name, "filter[name]");
        assert_eq!(info[0].description, Some(" Filter by name.\n"));
        assert_eq!(info[0].kind, ValueKind::List(&ValueKind::String));
        assert_eq!(
            info[1].kind,
            ValueKind::List(&ValueKind::Enum(&["name", "-name"]))
        );
        assert_eq!(Sort::ALL.len(), 2);
        assert_eq!(info[2].bounds, [Bound::Minimum(1.0), Bound::Maximum(200.0)]);
        assert_eq!(info[3].rust_name, "type");
        assert_eq!(info[4].location, Location::Header);
        let mut arguments = Arguments::new();
        arguments.insert("sort", "-name,name").insert("limit", "7");
        let mut list = List::default();
        list.options.parse("List", &arguments).unwrap();
        assert_eq!(list.options.limit, Some(7));
        assert_eq!(
            list.options.sort,
            Some(vec![Sort::NameDescending, Sort::Name])
        );
        arguments.insert("sort", "size");
        assert!(list.options.parse("List", &arguments).is_err());
    }

    #[test]
    fn lists_write_their_items_comma_joined() {
        assert_eq!(vec![1, 2, 3].to_text(), "1,2,3");
        assert_eq!(Vec::<i64>::KIND, ValueKind::List(&ValueKind::Integer));
    }
}
