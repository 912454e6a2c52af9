//! JSON text for the results that cross the boundary: one string per call,
//! which JS turns into plain objects with one `JSON.parse`.
//!
//! A serde `Serializer` writing into one `String`. Building the objects
//! field by field from Rust (serde-wasm-bindgen) cost a call into JS per
//! field and, in the wasm, a large inlined routine per result type; this
//! writer costs a few small calls per field and one JS call per result.
//!
//! The text is ASCII (see [`Json::string`]). Its JSON is that of
//! serde-wasm-bindgen's `json_compatible()` serializer:
//! `None` and `()` are `null`, maps are objects, enums are externally tagged
//! (`"Unit"`, `{"Variant": …}`). Two differences, both deliberate:
//! - numbers with a fraction are written to 6 decimals (scores and
//!   similarities; the page shows them as percents), without the float
//!   formatting code a shortest round-trip form would add to the wasm;
//! - a number that is not finite is `null`, as in `JSON.stringify`.
//!
//! Separators: every value inside a container is followed by `,`, and
//! closing a container drops a trailing `,`. Nothing else in the output
//! ends in `,` (strings end in `"`, containers in `]` or `}`), so no state
//! is needed per container.

use serde::ser::{self, Serialize};
use std::fmt;

/// Serializes `value` as JSON text.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut j = Json {
        out: String::with_capacity(256),
    };
    value.serialize(&mut j)?;
    Ok(j.out)
}

/// Why a value cannot be written (only a map key that is not a string or a
/// number, or a custom `Serialize` error). Boxed, so that every serializer
/// call returns one pointer-sized `Result`, in a register, rather than a
/// `String` (three words, returned through memory) from every call.
#[derive(Debug)]
#[allow(clippy::box_collection)]
pub(crate) struct Error(Box<String>);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(Box::new(msg.to_string()))
    }
}

pub(crate) struct Json {
    out: String,
}

impl Json {
    /// A JSON string, all ASCII: every other character as `\uXXXX` (a
    /// surrogate pair above U+FFFF). JS decodes ASCII from wasm memory
    /// about 9× as fast as UTF-8 with a few non-ASCII letters in it (an
    /// ellipsis in every snippet), and `JSON.parse` reads both alike.
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f | 0x80.. => "",
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.out.push_str(&s[from..i]);
            if !esc.is_empty() {
                self.out.push_str(esc);
                i += 1;
            } else if let Some(c) = s[i..].chars().next() {
                let mut units = [0u16; 2];
                for &u in c.encode_utf16(&mut units).iter() {
                    self.unicode_escape(u);
                }
                i += c.len_utf8();
            }
            from = i;
        }
        self.out.push_str(&s[from..]);
        self.out.push('"');
    }

    fn unicode_escape(&mut self, u: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            self.out.push(HEX[usize::from((u >> shift) & 15)] as char);
        }
    }

    fn uint(&mut self, mut v: u64) {
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
        // Only ASCII digits were written.
        self.out
            .push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.out.push('-');
        }
        self.uint(v.unsigned_abs());
    }

    /// A finite number to 6 decimals, trailing zeros dropped; else `null`.
    fn float(&mut self, v: f64) {
        const SCALE: f64 = 1e6;
        if !v.is_finite() {
            self.out.push_str("null");
            return;
        }
        let scaled = (v.abs() * SCALE).round();
        if scaled >= 9e15 {
            // Beyond 2^53 micro-units: a whole number, as `i64` (saturating).
            self.int(v.round() as i64);
            return;
        }
        let n = scaled as u64;
        if v < 0.0 && n != 0 {
            self.out.push('-');
        }
        self.uint(n / 1_000_000);
        let mut frac = n % 1_000_000;
        if frac != 0 {
            let mut digits = 6;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            self.out.push('.');
            let at = self.out.len();
            self.uint(frac);
            let written = self.out.len() - at;
            for _ in written..digits {
                self.out.insert(at, '0');
            }
        }
    }

    fn open(&mut self, c: char) {
        self.out.push(c);
    }

    /// After a value inside a container.
    fn next(&mut self) {
        self.out.push(',');
    }

    fn close(&mut self, c: char) {
        if self.out.ends_with(',') {
            self.out.pop();
        }
        self.out.push(c);
    }

    fn key(&mut self, k: &str) {
        self.string(k);
        self.out.push(':');
    }
}

type Done = Result<(), Error>;

/// Serializer methods that widen their number to one written above.
macro_rules! widen {
    ($($f:ident($t:ty) => $to:ident),* $(,)?) => {
        $(fn $f(self, v: $t) -> Done {
            self.$to(v.into())
        })*
    };
}

impl ser::Serializer for &mut Json {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Done {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    widen! {
        serialize_i8(i8) => serialize_i64,
        serialize_i16(i16) => serialize_i64,
        serialize_i32(i32) => serialize_i64,
        serialize_u8(u8) => serialize_u64,
        serialize_u16(u16) => serialize_u64,
        serialize_u32(u32) => serialize_u64,
        serialize_f32(f32) => serialize_f64,
    }
    fn serialize_i64(self, v: i64) -> Done {
        self.int(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Done {
        self.uint(v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Done {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Done {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Done {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Done {
        self.open('[');
        for &b in v {
            self.uint(b.into());
            self.next();
        }
        self.close(']');
        Ok(())
    }
    fn serialize_none(self) -> Done {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Done {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Done {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Done {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Done {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.open('{');
        self.key(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
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
        self.open('{');
        self.key(variant);
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
        self.open('{');
        self.key(variant);
        self.serialize_map(None)
    }
}

impl ser::SerializeSeq for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(&mut **self)?;
        self.next();
        Ok(())
    }
    fn end(self) -> Done {
        self.close(']');
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        self.close(']');
        self.out.push('}');
        Ok(())
    }
}

impl ser::SerializeMap for &mut Json {
    type Ok = ();
    type Error = Error;
    /// A string key as is; a number key as a string, as JS would make it.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        let at = self.out.len();
        key.serialize(&mut **self)?;
        let written = &self.out[at..];
        let number = written
            .bytes()
            .all(|b| b == b'-' || b == b'.' || b.is_ascii_digit());
        if number && !written.is_empty() {
            self.out.insert(at, '"');
            self.out.push('"');
        } else if !written.starts_with('"') {
            return Err(Error(Box::new(format!(
                "a map key must be a string or a number, not {written}"
            ))));
        }
        self.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        self.close('}');
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        self.key(key);
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Done {
        self.close('}');
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Json {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Done {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Done {
        self.close('}');
        self.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::to_json;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Kind {
        Plain,
        Pair(u8, u8),
        Named { x: i32 },
        Wrap(String),
    }

    #[derive(Serialize)]
    struct Row {
        text: String,
        n: u32,
        neg: i64,
        score: f32,
        ratio: f64,
        none: Option<u8>,
        some: Option<bool>,
        kinds: Vec<Kind>,
        range: [u32; 2],
        empty: Vec<u8>,
        map: BTreeMap<String, u8>,
        by_num: BTreeMap<u32, u8>,
        unit: (),
    }

    /// One case: a value and the JSON text it must give.
    fn check<T: Serialize>(value: T, want: &str) {
        let got = to_json(&value).unwrap();
        assert_eq!(got, want);
        serde_json::from_str::<serde_json::Value>(&got).expect("valid JSON");
    }

    #[test]
    fn values() {
        check(0u32, "0");
        check(u64::MAX, "18446744073709551615");
        check(i64::MIN, "-9223372036854775808");
        check(-0.0f64, "0");
        check(0.5f32, "0.5");
        check(0.1f32, "0.1");
        check(-12.000_000_4f64, "-12");
        check(1.234_567_89f64, "1.234568");
        check(0.000_001_2f64, "0.000001");
        check(-0.000_000_1f64, "0");
        check(1e300f64, "9223372036854775807");
        check(f64::NAN, "null");
        check(f64::INFINITY, "null");
        check('ё', "\"\\u0451\"");
        check(
            "He said \"no\" \\ then\ttab\u{1}\u{1f}\u{7f} \u{2028} 🙂 Хаб… <b>",
            "\"He said \\\"no\\\" \\\\ then\\ttab\\u0001\\u001f\u{7f} \\u2028 \\ud83d\\ude42 \\u0425\\u0430\\u0431\\u2026 <b>\"",
        );
        let odd = "a\"\\\u{0}\u{1f}\u{7f}\u{80}é\u{2028}\u{fffd}\u{10000}🙂\u{10ffff}";
        let back: String = serde_json::from_str(&to_json(odd).unwrap()).unwrap();
        assert_eq!(back, odd, "the JSON reads back as the same string");
        assert!(to_json(odd).unwrap().is_ascii());
        check(Vec::<u8>::new(), "[]");
        check(Some(vec![Some(1u8), None]), "[1,null]");
    }

    #[test]
    fn structs_enums_and_maps() {
        let row = Row {
            text: "a\nb".into(),
            n: 7,
            neg: -3,
            score: 1.25,
            ratio: 2.0 / 3.0,
            none: None,
            some: Some(true),
            kinds: vec![
                Kind::Plain,
                Kind::Pair(1, 2),
                Kind::Named { x: -1 },
                Kind::Wrap("w".into()),
            ],
            range: [3, 9],
            empty: vec![],
            map: [("k".to_string(), 1u8), ("".to_string(), 2)].into(),
            by_num: [(10u32, 1u8), (2, 2)].into(),
            unit: (),
        };
        check(
            row,
            "{\"text\":\"a\\nb\",\"n\":7,\"neg\":-3,\"score\":1.25,\"ratio\":0.666667,\
             \"none\":null,\"some\":true,\"kinds\":[\"Plain\",{\"Pair\":[1,2]},\
             {\"Named\":{\"x\":-1}},{\"Wrap\":\"w\"}],\"range\":[3,9],\"empty\":[],\
             \"map\":{\"\":2,\"k\":1},\"by_num\":{\"2\":2,\"10\":1},\"unit\":null}",
        );
    }

    #[test]
    fn a_map_key_that_is_not_a_string_is_an_error() {
        let m: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let e = to_json(&m).unwrap_err().to_string();
        assert!(e.contains("map key must be a string"), "{e}");
    }
}
