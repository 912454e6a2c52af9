//! A small serde `Serializer` writing JSON text, for the boundary only.
//!
//! `wasm.rs` serializes each result to one JSON string and lets the JS
//! engine's own `JSON.parse` build the plain objects: one string crosses the
//! boundary instead of one call per field, and the wasm holds this one small
//! writer instead of a JS-value builder per type.
//!
//! The output is the JSON of what serde-wasm-bindgen's `json_compatible()`
//! serializer built before, so the JS side sees the same values:
//! `None` and `()` become `null`; maps become objects (integer and boolean
//! keys become their text, as JS property keys do); enum
//! variants follow serde's externally tagged form; an `f32` is widened to
//! `f64` (JS has no `f32`), and every float is written with ryu's shortest
//! round-trip digits, so `JSON.parse` gives back the very same number.
//! Non-finite floats, which JSON cannot hold, become `null` (what
//! `JSON.stringify` makes of them). The text is ASCII: strings escape `"`,
//! `\`, control characters and every non-ASCII character.

use serde::ser::{self, Serialize};
use std::fmt;

/// Serializes `value` to JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut w = Writer(String::with_capacity(4096));
    value.serialize(&mut w)?;
    Ok(w.0)
}

/// Why a value could not be written (a map key that is not a scalar, or an
/// error raised by a `Serialize` impl).
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// The output text; also the serializer and every compound state (commas
/// are decided from the last byte written, so no state is needed).
struct Writer(String);

type R = Result<(), Error>;

impl Writer {
    /// Opens a container (`[` or `{`).
    fn open(&mut self, c: char) {
        self.0.push(c);
    }

    /// A comma unless this is the first item of the open container: an item
    /// never ends in `[` or `{`, so the last byte tells.
    fn sep(&mut self) {
        if !matches!(self.0.as_bytes().last(), Some(b'[' | b'{')) {
            self.0.push(',');
        }
    }

    /// `,"name":` for a struct field or variant tag.
    fn key(&mut self, name: &str) {
        self.sep();
        self.string(name);
        self.0.push(':');
    }

    /// `{"Variant":` before an enum variant's content (closed by `close2`).
    fn variant(&mut self, name: &str) {
        self.0.push('{');
        self.key(name);
    }

    /// A JSON string, ASCII only: besides `"`, `\\` and control characters,
    /// every non-ASCII character is escaped (`\\uXXXX`, astral ones as a
    /// surrogate pair), so that JS decodes the text as ASCII, several times
    /// faster than UTF-8.
    fn string(&mut self, s: &str) {
        self.0.push('"');
        let bytes = s.as_bytes();
        let (mut start, mut i) = (0, 0);
        while i < bytes.len() {
            let b = bytes[i];
            if (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\' {
                i += 1;
                continue;
            }
            self.0.push_str(&s[start..i]);
            // `i` is at a character boundary: every byte skipped was ASCII.
            let c = s[i..].chars().next().unwrap_or('\u{fffd}');
            i += c.len_utf8();
            start = i;
            if c == '"' || c == '\\' {
                self.0.push('\\');
                self.0.push(c);
                continue;
            }
            for unit in c.encode_utf16(&mut [0; 2]) {
                self.0.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    self.0.push(char::from(
                        b"0123456789abcdef"[(*unit >> shift & 15) as usize],
                    ));
                }
            }
        }
        self.0.push_str(&s[start..]);
        self.0.push('"');
    }

    fn uint(&mut self, neg: bool, mut v: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if neg {
            self.0.push('-');
        }
        // Only ASCII digits were written.
        self.0
            .push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
    }

    fn float(&mut self, v: f64) {
        if v.is_finite() {
            self.0.push_str(ryu::Buffer::new().format_finite(v));
        } else {
            self.0.push_str("null");
        }
    }
}

impl ser::Serializer for &mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> R {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        self.uint(v < 0, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        self.uint(false, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.float(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> R {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        ser::Serializer::collect_seq(self, v)
    }
    fn serialize_none(self) -> R {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Error> {
        self.open('[');
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.variant(variant);
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Error> {
        self.open('{');
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.variant(variant);
        self.serialize_map(None)
    }
}

/// The array-like compounds: items separated by commas, then `close`.
macro_rules! array_like {
    ($($trait:ident, $item:ident, $close:literal;)*) => {$(
        impl ser::$trait for &mut Writer {
            type Ok = ();
            type Error = Error;
            fn $item<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                self.sep();
                value.serialize(&mut **self)
            }
            fn end(self) -> R {
                self.0.push_str($close);
                Ok(())
            }
        }
    )*};
}

array_like! {
    SerializeSeq, serialize_element, "]";
    SerializeTuple, serialize_element, "]";
    SerializeTupleStruct, serialize_field, "]";
    SerializeTupleVariant, serialize_field, "]}";
}

impl ser::SerializeMap for &mut Writer {
    type Ok = ();
    type Error = Error;
    /// A key that is not a string is quoted as its JSON text (`1` → `"1"`,
    /// `true` → `"true"`, `null` → `"null"`: JS's own property-key text for
    /// these); an array or object cannot be a key.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.sep();
        let at = self.0.len();
        key.serialize(&mut **self)?;
        match self.0.as_bytes().get(at) {
            Some(b'"') => {}
            Some(b'[' | b'{') | None => {
                return Err(Error("a map key must be a string or a number".into()))
            }
            Some(_) => {
                self.0.insert(at, '"');
                self.0.push('"');
            }
        }
        self.0.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(&mut **self)
    }
    fn end(self) -> R {
        self.0.push('}');
        Ok(())
    }
}

/// The object-like compounds: `"name":value` fields, then `close`.
macro_rules! object_like {
    ($($trait:ident, $close:literal;)*) => {$(
        impl ser::$trait for &mut Writer {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> R {
                self.key(name);
                value.serialize(&mut **self)
            }
            fn end(self) -> R {
                self.0.push_str($close);
                Ok(())
            }
        }
    )*};
}

object_like! {
    SerializeStruct, "}";
    SerializeStructVariant, "}}";
}

#[cfg(test)]
mod tests {
    use super::to_json;
    use crate::{diff, import, Collection};
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::{BTreeMap, HashMap};

    /// `value` written by [`to_json`] is ASCII, valid JSON, and reads back as what
    /// `serde_json` makes of it (which, like JS, widens an `f32` to `f64`).
    fn check<T: Serialize + ?Sized>(value: &T) -> String {
        let text = to_json(value).unwrap();
        assert!(text.is_ascii(), "{text}");
        let back: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("invalid JSON ({e}): {text}"));
        assert_eq!(back, serde_json::to_value(value).unwrap(), "{text}");
        text
    }

    #[derive(Serialize)]
    enum Variants {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        Struct { a: Option<u8>, b: () },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrap(Vec<Variants>);

    #[derive(Serialize)]
    struct Fields<'a> {
        n: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        none: Option<&'a str>,
        text: &'a str,
        pair: (u8, &'a str),
        unit: Unit,
        empty: Vec<u8>,
        chars: [char; 3],
        bytes: serde_bytes_like::Bytes<'a>,
    }

    /// A `serialize_bytes` caller, written here to avoid a dependency.
    mod serde_bytes_like {
        pub struct Bytes<'a>(pub &'a [u8]);
        impl serde::Serialize for Bytes<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
    }

    #[test]
    fn every_form_of_the_data_model() {
        check(&Wrap(vec![
            Variants::Unit,
            Variants::Newtype(7),
            Variants::Tuple(-3, "x".into()),
            Variants::Struct { a: None, b: () },
            Variants::Struct { a: Some(1), b: () },
        ]));
        let text = check(&Fields {
            n: 4_000_000_000,
            skipped: None,
            none: None,
            text: "a \"q\" \\ \u{0}\u{1f}\u{7f} \u{2028}\u{2029} 🙂 Хабомаи\n\t\r",
            pair: (0, ""),
            unit: Unit,
            empty: vec![],
            chars: ['"', '\n', 'ё'],
            bytes: serde_bytes_like::Bytes(&[0, 255]),
        });
        assert!(
            text.starts_with(r#"{"n":4000000000,"none":null,"#),
            "{text}"
        );
        for v in [i64::MIN, -1, 0, 1, i64::MAX] {
            check(&v);
        }
        for v in [u64::MAX, 0] {
            check(&v);
        }
        check(&[i8::MIN as i32, i16::MAX as i32, i32::MIN]);
        check(&(true, false, (), Some(()), None::<u8>));
    }

    #[test]
    fn maps_become_objects_with_text_keys() {
        let m: BTreeMap<u32, &str> = [(10, "ten"), (2, "two")].into_iter().collect();
        assert_eq!(check(&m), r#"{"2":"two","10":"ten"}"#);
        let m: HashMap<String, Vec<f32>> = [("a\"b".to_string(), vec![0.5, 0.1])].into();
        check(&m);
        let m: BTreeMap<bool, i8> = [(true, -1)].into_iter().collect();
        assert_eq!(to_json(&m).unwrap(), r#"{"true":-1}"#);
        let m: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(to_json(&m).is_err(), "an array is no key");
    }

    #[test]
    fn floats_read_back_exactly() {
        // f32 widened as JS sees it: 0.1f32 is not 0.1.
        assert_eq!(to_json(&0.1f32).unwrap(), "0.10000000149011612");
        for v in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e-7,
            1e21,
            123456.789,
            f64::MIN_POSITIVE,
            f64::MAX,
            5e-324,
        ] {
            check(&v);
        }
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(to_json(&[v]).unwrap(), "[null]");
        }
    }

    /// The results that cross the boundary, from a small real collection.
    #[test]
    fn core_results() {
        let raw = "\n\nOctober 17, 1956\nMemorandum of Conversation\n\nCitation:\n\n\"Memo\", Archive.\n\nSummary:\n\nTalks in \"Moscow\".\n\nContents:\n\nTranslation - English\n\nKono. I will not debate too much today about Habomai.\n\nKhrushchev. We shall return H[abomai] and Shikotan [illegible].\n";
        let doc = import::parse_document("documents/1956-10-17-memo.txt", raw.as_bytes()).unwrap();
        let c = Collection::build(vec![doc], Default::default(), Default::default());
        check(&c.library());
        check(&c.docs[0]);
        check(&c.search("habomai", 10));
        check(&c.search("\"not debate\" -nothing speaker:kono", 10));
        check(&c.highlights("shikotan", "1956-10-17-memo"));
        check(&c.entity_summaries());
        check(&c.lookup_entity("nobody").err());
        check(&c.clauses.summaries());
        let opts = diff::Options::default();
        let d = diff::diff(
            "We shall return Habomai.",
            "We shall return Habomai and Shikotan.",
            &opts,
            &diff::Variants::default(),
        );
        check(&d);
    }

    proptest! {
        #[test]
        fn any_string(s in any::<String>()) {
            check(&s);
        }

        #[test]
        fn any_finite_float(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            if v.is_finite() {
                let text = to_json(&v).unwrap();
                prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), bits, "{}", text);
            }
            let f = f32::from_bits(bits as u32);
            if f.is_finite() {
                let text = to_json(&f).unwrap();
                prop_assert_eq!(text.parse::<f64>().unwrap(), f64::from(f), "{}", text);
            }
        }
    }
}
