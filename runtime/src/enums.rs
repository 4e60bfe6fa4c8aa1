//! String enums of generated code, declared with [`closed_enum!`](crate::closed_enum) and
//! [`open_enum!`](crate::open_enum).
//!
//! Each enum lists its wire values once; the macros add the variant docs, `as_str`, `ALL`,
//! `Display`, `FromStr`, serde's `Serialize` and `Deserialize`, and the runtime's
//! [`Field`](crate::model::Field) and parameter traits. A closed enum takes only the values
//! it lists (what a client sends); an open enum keeps values it does not know in a
//! catch-all variant (what a server answers: servers add values without notice).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de;

use crate::meta::ValueKind;
use crate::parameter::{IntoValue, Value};

/// The error of a closed enum's `FromStr`: the text is not one of its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The text that was given.
    pub value: String,
    /// The values the enum accepts.
    pub allowed: &'static [&'static str],
}

impl UnknownValue {
    /// The error for `value`, which is not among `allowed`.
    pub fn new(value: &str, allowed: &'static [&'static str]) -> Self {
        Self {
            value: value.to_owned(),
            allowed,
        }
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not one of: {}",
            self.value,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

/// A string enum of generated code: its values as text, both ways.
///
/// The macros implement it; through it every enum is a parameter [`Value`] and converts
/// into itself for setters ([`IntoValue`]).
pub trait Wire: Sized {
    /// `Enum` with the values a closed enum takes, or `String` for an open enum.
    const KIND: ValueKind;

    /// The value as it is sent and received.
    fn wire(&self) -> &str;

    /// The value for `text`.
    ///
    /// # Errors
    ///
    /// [`UnknownValue`] when a closed enum has no such value (an open enum keeps it).
    fn from_wire(text: &str) -> Result<Self, UnknownValue>;
}

/// The error for `text`, which the closed enum `T` does not take.
pub fn unknown<T: Wire>(text: &str) -> UnknownValue {
    let allowed = match T::KIND {
        ValueKind::Enum(values) => values,
        _ => &[],
    };
    UnknownValue::new(text, allowed)
}

impl<T: Wire> Value for T {
    const KIND: ValueKind = <T as Wire>::KIND;

    fn write(&self, out: &mut String) {
        out.push_str(self.wire());
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        T::from_wire(text).map_err(|error| error.to_string())
    }
}

impl<T: Wire> IntoValue<T> for T {
    fn into_value(self) -> T {
        self
    }
}

/// Deserializes a string through `T`'s `FromStr`, for the enums of the macros.
///
/// # Errors
///
/// When the value is not a string, or `FromStr` refuses it.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    struct Text<T>(PhantomData<T>);

    impl<T> de::Visitor<'_> for Text<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            value.parse().map_err(E::custom)
        }
    }

    deserializer.deserialize_str(Text(PhantomData))
}

/// Declares a string enum that takes only the values it lists: the values a client may
/// send.
///
/// Each variant names its wire value. The enum gets `ALL` (every variant, in order), a
/// `const fn as_str`, `Display`, `FromStr` (failing with [`UnknownValue`]), serde's
/// `Serialize` and `Deserialize` (refusing other values) and the runtime's parameter traits.
///
/// ```
/// connector_runtime::closed_enum! {
///     /// How apps are sorted.
///     pub enum Sort {
///         Name = "name",
///         NameDescending = "-name",
///     }
/// }
///
/// assert_eq!(Sort::NameDescending.as_str(), "-name");
/// assert_eq!("name".parse::<Sort>(), Ok(Sort::Name));
/// assert_eq!(Sort::ALL, &[Sort::Name, Sort::NameDescending]);
/// assert!("size".parse::<Sort>().is_err());
/// ```
#[macro_export]
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $(#[$variant_meta])*
                $variant,
            )*
        }

        #[allow(deprecated)]
        impl $name {
            /// Every value, in the order the definition lists them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The value as it is sent.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $wire,)*
                }
            }
        }

        #[allow(deprecated)]
        impl $crate::enums::Wire for $name {
            const KIND: $crate::meta::ValueKind = $crate::meta::ValueKind::Enum(&[$($wire),*]);

            fn wire(&self) -> &str {
                self.as_str()
            }

            fn from_wire(text: &str) -> ::core::result::Result<Self, $crate::enums::UnknownValue> {
                match text {
                    $($wire => Ok(Self::$variant),)*
                    _ => Err($crate::enums::unknown::<Self>(text)),
                }
            }
        }

        $crate::__enum_common!($name);
    };
}

/// Declares a string enum that keeps values it does not list: the values a server answers
/// with, which grow without notice.
///
/// Like [`closed_enum!`](crate::closed_enum), with a last arm `_ => Name(String)` naming the
/// variant that keeps other values as received. `as_str` gives them back; `FromStr` never
/// fails.
///
/// ```
/// connector_runtime::open_enum! {
///     /// A platform.
///     pub enum Platform {
///         Ios = "IOS",
///         MacOs = "MAC_OS",
///         _ => Unknown(String),
///     }
/// }
///
/// let platforms: Vec<Platform> = serde_json::from_str(r#"["IOS", "WATCH_OS"]"#).unwrap();
/// assert_eq!(platforms, [Platform::Ios, Platform::Unknown("WATCH_OS".into())]);
/// assert_eq!(platforms[1].as_str(), "WATCH_OS");
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
            _ => $unknown:ident(String) $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                #[doc = concat!("`", $wire, "`")]
                $(#[$variant_meta])*
                $variant,
            )*
            /// A value this client does not know yet, kept as it was received.
            $unknown(String),
        }

        #[allow(deprecated)]
        impl $name {
            /// Every value the definition lists, in its order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The value as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$unknown(value) => value,
                }
            }
        }

        #[allow(deprecated)]
        impl $crate::enums::Wire for $name {
            const KIND: $crate::meta::ValueKind = $crate::meta::ValueKind::String;

            fn wire(&self) -> &str {
                self.as_str()
            }

            fn from_wire(text: &str) -> ::core::result::Result<Self, $crate::enums::UnknownValue> {
                Ok(match text {
                    $($wire => Self::$variant,)*
                    _ => Self::$unknown(text.to_owned()),
                })
            }
        }

        $crate::__enum_common!($name);
    };
}

/// The impls both kinds of enum share, through their [`Wire`] impl.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_common {
    ($name:ident) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str($crate::enums::Wire::wire(self))
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::enums::UnknownValue;

            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                $crate::enums::Wire::from_wire(text)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<__S>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_str($crate::enums::Wire::wire(self))
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<__D>(deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: $crate::__private::serde::Deserializer<'de>,
            {
                $crate::enums::deserialize(deserializer)
            }
        }

        impl $crate::model::Field for $name {}
    };
}

#[cfg(test)]
mod tests {
    use super::UnknownValue;
    use crate::meta::ValueKind;
    use crate::parameter::Value;

    crate::closed_enum! {
        /// Test values.
        pub enum Sort {
            Name = "name",
            NameDescending = "-name",
        }
    }

    crate::open_enum! {
        /// Test values.
        pub enum State {
            Ready = "READY",
            Unknown2 = "unknown",
            _ => Unknown(String),
        }
    }

    #[test]
    fn closed_enums_round_trip_and_refuse_other_values() {
        assert_eq!(Sort::ALL, &[Sort::Name, Sort::NameDescending]);
        assert_eq!(Sort::NameDescending.to_string(), "-name");
        assert_eq!(
            serde_json::to_string(&Sort::NameDescending).unwrap(),
            r#""-name""#
        );
        assert_eq!(
            serde_json::from_str::<Sort>(r#""name""#).unwrap(),
            Sort::Name
        );
        let error = serde_json::from_str::<Sort>(r#""size""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("`size` is not one of: name, -name"),
            "{error}"
        );
        assert_eq!(
            "x".parse::<Sort>(),
            Err(UnknownValue::new("x", &["name", "-name"]))
        );
    }

    #[test]
    fn open_enums_keep_unknown_values() {
        let states: Vec<State> = serde_json::from_str(r#"["READY", "unknown", "GONE"]"#).unwrap();
        assert_eq!(
            states,
            [State::Ready, State::Unknown2, State::Unknown("GONE".into())]
        );
        assert_eq!(
            serde_json::to_string(&states).unwrap(),
            r#"["READY","unknown","GONE"]"#
        );
        assert_eq!("GONE".parse::<State>(), Ok(State::Unknown("GONE".into())));
        assert_eq!(<State as Value>::KIND, ValueKind::String);
        assert_eq!(<Sort as Value>::KIND, ValueKind::Enum(&["name", "-name"]));
        assert_eq!(State::ALL, &[State::Ready, State::Unknown2]);
        assert!(serde_json::from_str::<State>("7").is_err());
    }

    #[test]
    fn unknown_values_list_what_is_allowed() {
        assert_eq!(
            UnknownValue::new("x", &["a", "-a"]).to_string(),
            "`x` is not one of: a, -a"
        );
    }
}
