//! A sorted dictionary of keys (the terms, the exact forms): each key's id
//! is its rank. The keys are held front-coded, as the bundle stores them:
//! per key, the length of the prefix it shares with the key before (a byte,
//! at most 255), the rest of it, and a 0 byte (keys are words: they hold no
//! 0 byte). Every [`BLOCK`]th key is also kept whole, so a lookup is a
//! binary search over those and a scan of one block, and a walk can start
//! anywhere.
//!
//! Besides lookups it answers the two walks search needs, in key order:
//! keys starting with a prefix ([`Dict::prefixed`]) and keys an
//! [`Automaton`] accepts ([`Dict::search`]: typo matching), which skips a
//! run of keys as soon as the automaton says no key below their common
//! prefix can match, as a walk over a trie would.
//!
//! ```
//! use docent::search::dict::Dict;
//! let d = Dict::from_sorted(["treat", "treaty", "trees"]);
//! assert_eq!(d.get(b"treaty"), Some(1));
//! assert_eq!(d.get(b"tree"), None);
//! let mut got = Vec::new();
//! d.prefixed(b"trea", |k, id| {
//!     got.push((String::from_utf8(k.to_vec()).unwrap(), id));
//!     true
//! });
//! assert_eq!(got, [("treat".to_string(), 0), ("treaty".to_string(), 1)]);
//! assert_eq!(Dict::from_bytes(d.as_bytes()).unwrap(), d);
//! ```

/// Keys per block: every block's first key is kept whole.
pub const BLOCK: usize = 16;

/// A byte-at-a-time matcher the [`Dict::search`] walk prunes with.
pub trait Automaton {
    type State: Clone;
    fn start(&self) -> Self::State;
    /// Whether the bytes so far are a key it accepts.
    fn is_match(&self, s: &Self::State) -> bool;
    /// Whether some key starting with the bytes so far could match.
    fn can_match(&self, s: &Self::State) -> bool;
    fn accept(&self, s: &Self::State, byte: u8) -> Self::State;
    /// Bytes every key it can match starts with: the walk starts at the
    /// first such key and ends after the last.
    fn prefix(&self) -> &[u8] {
        &[]
    }
}

/// Sorted, distinct keys (see the [module docs](self)).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict {
    /// The keys front-coded.
    bytes: Vec<u8>,
    len: u32,
    /// Per block: where the entry after its first key starts in `bytes`.
    next_at: Vec<u32>,
    /// The first key of every block, one after the other, and where each ends.
    heads: Vec<u8>,
    head_end: Vec<u32>,
}

/// A position in a dictionary: the key there and its id.
struct Cursor<'a> {
    bytes: &'a [u8],
    key: Vec<u8>,
    id: u32,
    /// Where the entry of the next key starts.
    at: usize,
}

impl Cursor<'_> {
    /// Moves to the next key; `false` at the end.
    fn advance(&mut self) -> bool {
        let Some(&shared) = self.bytes.get(self.at) else {
            return false;
        };
        let rest = &self.bytes[self.at + 1..];
        // Checked by `Dict::from_bytes`: every entry ends with a 0 byte.
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        self.key.truncate(usize::from(shared));
        self.key.extend_from_slice(&rest[..end]);
        self.at += end + 2;
        self.id += 1;
        true
    }
}

impl Dict {
    /// The dictionary of sorted, distinct keys holding no 0 byte (anything
    /// else gives the keys up to the first one out of order).
    pub fn from_sorted<K: AsRef<[u8]>>(keys: impl IntoIterator<Item = K>) -> Dict {
        let mut bytes = Vec::new();
        let mut prev: Vec<u8> = Vec::new();
        for (i, k) in keys.into_iter().enumerate() {
            let k = k.as_ref();
            if (i > 0 && k <= &prev[..]) || k.contains(&0) {
                break;
            }
            let shared = k.iter().zip(&prev).take_while(|(a, b)| a == b).count();
            let shared = shared.min(255);
            bytes.push(shared as u8);
            bytes.extend_from_slice(&k[shared..]);
            bytes.push(0);
            prev.clear();
            prev.extend_from_slice(k);
        }
        // Sorted, distinct and 0-free by the checks above: cannot fail.
        Dict::from_bytes(&bytes).unwrap_or_default()
    }

    /// The dictionary of front-coded keys as [`Dict::as_bytes`] gives them;
    /// an error if they are not sorted and distinct.
    pub fn from_bytes(bytes: &[u8]) -> Result<Dict, &'static str> {
        const BAD: &str = "a dictionary of the search index is not sorted";
        let mut d = Dict {
            bytes: bytes.to_vec(),
            ..Dict::default()
        };
        let mut key: Vec<u8> = Vec::new();
        let mut at = 0;
        while let Some(&shared) = bytes.get(at) {
            let rest = &bytes[at + 1..];
            let end = rest.iter().position(|&b| b == 0).ok_or(BAD)?;
            let shared = usize::from(shared);
            let suffix = &rest[..end];
            // Each key is greater than the one before: past their shared
            // prefix, its rest is greater than the rest of the one before.
            if shared > key.len() || (d.len > 0 && suffix <= &key[shared..]) {
                return Err(BAD);
            }
            key.truncate(shared);
            key.extend_from_slice(suffix);
            at += end + 2;
            if d.len as usize % BLOCK == 0 {
                d.heads.extend_from_slice(&key);
                d.head_end.push(d.heads.len() as u32);
                d.next_at.push(at as u32);
            }
            d.len = d.len.checked_add(1).ok_or(BAD)?;
        }
        Ok(d)
    }

    /// The keys front-coded (what a bundle stores).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Number of keys.
    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn head(&self, b: usize) -> &[u8] {
        let start = if b == 0 {
            0
        } else {
            self.head_end[b - 1] as usize
        };
        &self.heads[start..self.head_end[b] as usize]
    }

    /// A cursor on the first key of block `b`.
    fn at_block(&self, b: usize) -> Cursor<'_> {
        Cursor {
            bytes: &self.bytes,
            key: self.head(b).to_vec(),
            id: (b * BLOCK) as u32,
            at: self.next_at[b] as usize,
        }
    }

    /// A cursor on the first key not less than `x`, if any.
    fn seek(&self, x: &[u8]) -> Option<Cursor<'_>> {
        let (mut lo, mut hi) = (0, self.head_end.len());
        // The first block whose head is greater than `x`.
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.head(mid) <= x {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if self.head_end.is_empty() {
            return None;
        }
        let mut c = self.at_block(lo.saturating_sub(1));
        while c.key.as_slice() < x {
            if !c.advance() {
                return None;
            }
        }
        Some(c)
    }

    /// Moves `c` past every key starting with the first `n` bytes of its
    /// key; `false` if none is left. Whole blocks starting with them are
    /// jumped (a binary search over the block heads), the rest stepped by
    /// their shared-prefix byte alone.
    fn skip_prefix(&self, c: &mut Cursor<'_>, n: usize) -> bool {
        c.key.truncate(n);
        let prefix = &c.key[..];
        let block = c.id as usize / BLOCK;
        let (mut lo, mut hi) = (block + 1, self.head_end.len());
        if lo < hi && self.head(lo).starts_with(prefix) {
            // The first block whose head does not start with the prefix:
            // start from the one before it.
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.head(mid).starts_with(prefix) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            c.id = ((lo - 1) * BLOCK) as u32;
            c.at = self.next_at[lo - 1] as usize;
        }
        loop {
            let Some(&shared) = self.bytes.get(c.at) else {
                return false;
            };
            let rest = &self.bytes[c.at + 1..];
            let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            c.at += end + 2;
            c.id += 1;
            // A key shares the prefix if it shares at least as much with the
            // key before, which did (a byte of 255 may mean more).
            let shared = usize::from(shared);
            if shared >= n || (shared == 255 && rest[..end].starts_with(&c.key[shared..])) {
                continue;
            }
            c.key.truncate(shared);
            c.key.extend_from_slice(&rest[..end]);
            return true;
        }
    }

    /// The id of a key.
    pub fn get(&self, key: &[u8]) -> Option<u32> {
        let c = self.seek(key)?;
        (c.key == key).then_some(c.id)
    }

    /// Calls `each(key, id)` for the keys starting with `prefix`, in order,
    /// while it returns `true`.
    pub fn prefixed(&self, prefix: &[u8], mut each: impl FnMut(&[u8], u32) -> bool) {
        let Some(mut c) = self.seek(prefix) else {
            return;
        };
        while c.key.starts_with(prefix) && each(&c.key, c.id) && c.advance() {}
    }

    /// Calls `each(key, id)` for the keys `aut` matches, in order, while it
    /// returns `true`: a key matches if the automaton can match after each
    /// of its bytes and matches at its end.
    pub fn search<A: Automaton>(&self, aut: &A, mut each: impl FnMut(&[u8], u32) -> bool) {
        let start = aut.start();
        if self.head_end.is_empty() || !aut.can_match(&start) {
            return;
        }
        // The states after each byte of `path`, a prefix of the last key.
        let mut states = Vec::with_capacity(32);
        states.push(start);
        let mut path: Vec<u8> = Vec::with_capacity(32);
        let pre = aut.prefix();
        let mut c = if pre.is_empty() {
            self.at_block(0)
        } else {
            match self.seek(pre) {
                Some(c) => c,
                None => return,
            }
        };
        loop {
            if !c.key.starts_with(pre) {
                return;
            }
            let shared = path.iter().zip(&c.key).take_while(|(a, b)| a == b).count();
            path.truncate(shared);
            states.truncate(shared + 1);
            let mut dead = false;
            while path.len() < c.key.len() {
                let b = c.key[path.len()];
                let next = aut.accept(&states[states.len() - 1], b);
                if !aut.can_match(&next) {
                    dead = true;
                    break;
                }
                states.push(next);
                path.push(b);
            }
            if dead {
                // No key starting like this one up to the byte that failed
                // can match: step over them.
                if !self.skip_prefix(&mut c, path.len() + 1) {
                    return;
                }
                continue;
            }
            if aut.is_match(&states[states.len() - 1]) && !each(&c.key, c.id) {
                return;
            }
            if !c.advance() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys starting with a prefix, as an automaton.
    struct Prefix<'a>(&'a [u8]);
    impl Automaton for Prefix<'_> {
        type State = Option<usize>;
        fn start(&self) -> Option<usize> {
            Some(0)
        }
        fn is_match(&self, s: &Option<usize>) -> bool {
            *s == Some(self.0.len())
        }
        fn can_match(&self, s: &Option<usize>) -> bool {
            s.is_some()
        }
        fn accept(&self, s: &Option<usize>, b: u8) -> Option<usize> {
            let n = (*s)?;
            match self.0.get(n) {
                None => Some(n),
                Some(&x) if x == b => Some(n + 1),
                _ => None,
            }
        }
    }

    fn all(
        d: &Dict,
        walk: impl Fn(&Dict, &mut dyn FnMut(&[u8], u32) -> bool),
    ) -> Vec<(String, u32)> {
        let mut got = Vec::new();
        walk(d, &mut |k, id| {
            got.push((String::from_utf8_lossy(k).into_owned(), id));
            true
        });
        got
    }

    #[test]
    fn lookups_and_walks_agree_with_the_sorted_list() {
        let mut keys: Vec<String> = Vec::new();
        for a in ["", "a", "ab", "b", "ba", "bz", "хр", "ÿ"] {
            for n in 0..40 {
                keys.push(format!("{a}{n:02}"));
            }
        }
        keys.push("x".repeat(300));
        keys.push(format!("{}y", "x".repeat(300)));
        keys.sort();
        let d = Dict::from_sorted(&keys);
        assert_eq!(d.len() as usize, keys.len());
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(d.get(k.as_bytes()), Some(i as u32), "{k}");
        }
        for missing in ["", "a", "a0", "zz", "b400", "\u{10ffff}"] {
            assert_eq!(d.get(missing.as_bytes()), None, "{missing}");
        }
        for p in ["", "a", "ab1", "b", "bz3", "хр", "x", "xxx", "q"] {
            let want: Vec<(String, u32)> = keys
                .iter()
                .enumerate()
                .filter(|(_, k)| k.starts_with(p))
                .map(|(i, k)| (k.clone(), i as u32))
                .collect();
            let pre = all(&d, |d, f| d.prefixed(p.as_bytes(), f));
            let aut = all(&d, |d, f| d.search(&Prefix(p.as_bytes()), f));
            assert_eq!(pre, want, "prefixed {p}");
            assert_eq!(aut, want, "search {p}");
        }
        let mut n = 0;
        d.prefixed(b"a", |_, _| {
            n += 1;
            n < 3
        });
        assert_eq!(n, 3, "stops when told");
    }

    #[test]
    fn bad_bytes_are_refused() {
        let good = Dict::from_sorted(["ab", "abc", "b"]);
        assert_eq!(Dict::from_bytes(good.as_bytes()).unwrap(), good);
        for bad in [
            &b"\0b\0\0a\0"[..], // b then a
            b"\0a\0\0a\0",      // a twice
            b"\0a\0\x05b\0",    // shares more than there is
            b"\0ab",            // no end
            b"\0ab\0\x02\0",    // ab twice
        ] {
            assert!(Dict::from_bytes(bad).is_err(), "{bad:?}");
        }
        assert_eq!(Dict::from_sorted(["b", "a"]).len(), 1, "stops at disorder");
        assert!(Dict::from_bytes(&[]).unwrap().is_empty());
    }
}
