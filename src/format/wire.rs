//! The bundle's binary codec: one trait, [`Wire`], that writes a value and
//! reads it back, so a type's layout is written once for both directions
//! (`schema.rs` lists every stored type's fields with [`wire_struct!`] and
//! [`wire_enum!`]).
//!
//! Integers are LEB128 varints (a `u8` is its byte), strings and vectors a
//! varint length then their items, an `Option` or a `bool` a byte 0 or 1, an
//! enum a varint tag then its payload, a struct or a tuple its fields in
//! order. Reading never panics and never trusts a length: every item takes a
//! byte at least, so a length longer than the bytes left is refused before
//! anything is allocated for it.

use crate::search::index::put_varint;

/// Why a section does not decode (the caller names the section).
pub(crate) type Bad = &'static str;

const EARLY: Bad = "it ends early";
const LONG: Bad = "a length runs past its end";
const BIG: Bad = "a number is too large";
const TAG: Bad = "it holds an unknown tag";
const UTF8: Bad = "it holds text that is not UTF-8";

/// The bytes of a section being read.
pub(crate) struct Cursor<'a>(pub &'a [u8]);

impl<'a> Cursor<'a> {
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Bad> {
        if n > self.0.len() {
            return Err(EARLY);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Bad> {
        let (&b, rest) = self.0.split_first().ok_or(EARLY)?;
        self.0 = rest;
        Ok(b)
    }

    /// A varint of at most 32 bits.
    fn varint(&mut self) -> Result<u32, Bad> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            if shift == 28 && b > 0x0f {
                return Err(BIG);
            }
            v |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(BIG)
    }

    /// A length of items that take a byte at least each.
    fn len(&mut self) -> Result<usize, Bad> {
        let n = self.varint()? as usize;
        if n > self.0.len() {
            return Err(LONG);
        }
        Ok(n)
    }

    /// A byte 0 or 1.
    fn flag(&mut self) -> Result<bool, Bad> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(TAG),
        }
    }

    /// An enum's tag.
    pub fn tag(&mut self) -> Result<u32, Bad> {
        self.varint()
    }

    /// The bytes are all read.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A value as bundle bytes, and back.
pub(crate) trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn get(r: &mut Cursor) -> Result<Self, Bad>;

    /// `n` items in a row (a vector's body): bytes are copied in one go.
    fn get_many(r: &mut Cursor, n: usize) -> Result<Vec<Self>, Bad> {
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(Self::get(r)?);
        }
        Ok(v)
    }
}

/// The bytes of one value.
pub(crate) fn to_bytes<T: Wire>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

/// Writes a length (vectors, strings).
pub(crate) fn put_len(n: usize, out: &mut Vec<u8>) {
    put_varint(out, n as u32);
}

impl Wire for u8 {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
    fn get(r: &mut Cursor) -> Result<u8, Bad> {
        r.byte()
    }
    fn get_many(r: &mut Cursor, n: usize) -> Result<Vec<u8>, Bad> {
        Ok(r.take(n)?.to_vec())
    }
}

impl Wire for u16 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(out, u32::from(*self));
    }
    fn get(r: &mut Cursor) -> Result<u16, Bad> {
        u16::try_from(r.varint()?).map_err(|_| BIG)
    }
}

impl Wire for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        put_varint(out, *self);
    }
    fn get(r: &mut Cursor) -> Result<u32, Bad> {
        r.varint()
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn get(r: &mut Cursor) -> Result<bool, Bad> {
        r.flag()
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(self.len(), out);
        out.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Cursor) -> Result<String, Bad> {
        let n = r.len()?;
        let bytes = r.take(n)?;
        Ok(std::str::from_utf8(bytes).map_err(|_| UTF8)?.to_owned())
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        put_len(self.len(), out);
        for x in self {
            x.put(out);
        }
    }
    fn get(r: &mut Cursor) -> Result<Vec<T>, Bad> {
        let n = r.len()?;
        T::get_many(r, n)
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(x) = self {
            x.put(out);
        }
    }
    fn get(r: &mut Cursor) -> Result<Option<T>, Bad> {
        Ok(if r.flag()? { Some(T::get(r)?) } else { None })
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn get(r: &mut Cursor) -> Result<(A, B), Bad> {
        Ok((A::get(r)?, B::get(r)?))
    }
}

/// `Wire` for a struct: its stored fields in order, each written once for
/// both directions. Every field is stored (types with fields left out
/// implement `Wire` by hand).
macro_rules! wire_struct {
    ($t:path { $($field:ident),+ $(,)? }) => {
        impl $crate::format::wire::Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                $($crate::format::wire::Wire::put(&self.$field, out);)+
            }
            fn get(r: &mut $crate::format::wire::Cursor) -> Result<Self, $crate::format::wire::Bad> {
                // Struct expressions evaluate their fields in the order written.
                Ok(Self { $($field: $crate::format::wire::Wire::get(r)?,)+ })
            }
        }
    };
}

/// `Wire` for an enum: each variant with its tag, and its one payload
/// when it has one (named by any identifier).
macro_rules! wire_enum {
    ($t:ty { $($tag:literal => $v:ident $(($x:ident))?),+ $(,)? }) => {
        impl $crate::format::wire::Wire for $t {
            fn put(&self, out: &mut Vec<u8>) {
                match self {
                    $(Self::$v $(($x))? => {
                        $crate::format::wire::Wire::put(&($tag as u32), out);
                        $($crate::format::wire::Wire::put($x, out);)?
                    })+
                }
            }
            fn get(r: &mut $crate::format::wire::Cursor) -> Result<Self, $crate::format::wire::Bad> {
                Ok(match r.tag()? {
                    $($tag => Self::$v $(({
                        let $x = $crate::format::wire::Wire::get(r)?;
                        $x
                    }))?,)+
                    _ => return Err("it holds an unknown tag"),
                })
            }
        }
    };
}

pub(crate) use {wire_enum, wire_struct};

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: Wire + PartialEq + std::fmt::Debug>(value: T, bytes: &[u8]) {
        assert_eq!(to_bytes(&value), bytes, "{value:?}");
        let mut r = Cursor(bytes);
        assert_eq!(T::get(&mut r).unwrap(), value);
        assert!(r.is_empty(), "{value:?}: bytes left");
        for cut in 0..bytes.len() {
            assert!(
                T::get(&mut Cursor(&bytes[..cut])).is_err(),
                "{value:?} cut at {cut}"
            );
        }
    }

    fn refused<T: Wire + std::fmt::Debug>(bytes: &[u8], want: Bad) {
        assert_eq!(T::get(&mut Cursor(bytes)).unwrap_err(), want, "{bytes:?}");
    }

    #[derive(Debug, PartialEq)]
    enum E {
        A,
        B(u32),
        C(String),
    }
    wire_enum!(E { 0 => A, 1 => B(n), 7 => C(s) });

    #[derive(Debug, PartialEq)]
    struct S {
        a: u16,
        b: Option<Vec<u8>>,
        c: (bool, E),
    }
    wire_struct!(S { a, b, c });

    #[test]
    fn values_are_their_bytes_and_back() {
        check(0u32, &[0]);
        check(127u32, &[0x7f]);
        check(128u32, &[0x80, 1]);
        check(300u32, &[0xac, 2]);
        check(u32::MAX, &[0xff, 0xff, 0xff, 0xff, 0x0f]);
        check(u16::MAX, &[0xff, 0xff, 3]);
        check(200u8, &[200]);
        check(true, &[1]);
        check(
            String::from("Хабомаи"),
            b"\x0e\xd0\xa5\xd0\xb0\xd0\xb1\xd0\xbe\xd0\xbc\xd0\xb0\xd0\xb8",
        );
        check(vec![1u32, 300], &[2, 1, 0xac, 2]);
        check(vec![vec![9u8], vec![]], &[2, 1, 9, 0]);
        check(Some(String::new()), &[1, 0]);
        check(None::<u32>, &[0]);
        check(E::A, &[0]);
        check(E::B(5), &[1, 5]);
        check(E::C("x".into()), &[7, 1, b'x']);
        check(
            S {
                a: 2,
                b: Some(vec![4, 5]),
                c: (false, E::B(1)),
            },
            &[2, 1, 2, 4, 5, 0, 1, 1],
        );
    }

    #[test]
    fn hostile_bytes_are_refused() {
        refused::<u32>(&[0xff, 0xff, 0xff, 0xff, 0x10], BIG);
        refused::<u32>(&[0x80, 0x80, 0x80, 0x80, 0x80, 0], BIG);
        refused::<u16>(&[0x80, 0x80, 4], BIG);
        refused::<bool>(&[2], TAG);
        refused::<Option<u8>>(&[9, 0], TAG);
        refused::<E>(&[3], TAG);
        refused::<String>(&[2, 0xff, 0xfe], UTF8);
        refused::<String>(&[3, b'a'], LONG);
        // A huge length is refused before anything is allocated for it.
        refused::<Vec<Vec<String>>>(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0], LONG);
        refused::<Vec<u32>>(&[1, 0x80], EARLY);
    }
}
