//! One stable sort for the whole engine.
//!
//! `slice::sort_by` and friends are generic: every call site with its own
//! element type or closure instantiates a full driftsort/ipnsort in the
//! wasm. Here the work is done once, over
//! indices, by a merge sort that calls the comparison through a trait
//! object; the generic part left per call site is a thin wrapper and a
//! permutation by swaps.
//!
//! ```
//! use docent::sort::StableSort;
//! let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
//! v.stable_sort_by_key(|p| p.0);
//! assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
//! v.stable_sort_by(|a, b| b.1.cmp(&a.1));
//! assert_eq!(v, [(0, 'd'), (2, 'c'), (1, 'b'), (2, 'a')]);
//! ```

use std::cmp::Ordering;

/// Stable sorting of slices through one non-generic merge sort.
pub trait StableSort<T> {
    /// Sorts by `cmp`, keeping equal elements in their order.
    fn stable_sort_by(&mut self, cmp: impl FnMut(&T, &T) -> Ordering);
    /// Sorts by the key `key` computes, keeping equal keys in their order.
    fn stable_sort_by_key<K: Ord>(&mut self, mut key: impl FnMut(&T) -> K) {
        self.stable_sort_by(|a, b| key(a).cmp(&key(b)));
    }
    /// Sorts in ascending order.
    fn stable_sort(&mut self)
    where
        T: Ord,
    {
        self.stable_sort_by(T::cmp);
    }
}

impl<T> StableSort<T> for [T] {
    fn stable_sort_by(&mut self, mut cmp: impl FnMut(&T, &T) -> Ordering) {
        if self.len() < 2 {
            return;
        }
        let v: &[T] = self;
        let mut order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]) == Ordering::Greater);
        permute(self, &mut order);
    }
}

/// Puts `v[order[i]]` at position `i`, following each cycle once.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut i = start;
        while order[i] != usize::MAX {
            let j = order[i];
            order[i] = usize::MAX;
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

/// The comparison [`order`] calls: does item `a` come after item `b`? A
/// trait of its own rather than `dyn FnMut`, whose vtable also holds a
/// `call_once` shim: a second copy of every comparison in the wasm.
trait Greater {
    fn greater(&mut self, a: usize, b: usize) -> bool;
}

impl<F: FnMut(usize, usize) -> bool> Greater for F {
    fn greater(&mut self, a: usize, b: usize) -> bool {
        self(a, b)
    }
}

/// Indices `0..n` in stable sorted order, where `greater(a, b)` says item `a`
/// must come after item `b`. Bottom-up merge sort over insertion-sorted runs.
fn order(n: usize, greater: &mut dyn Greater) -> Vec<usize> {
    const RUN: usize = 16;
    let mut a: Vec<usize> = (0..n).collect();
    for run in a.chunks_mut(RUN) {
        for k in 1..run.len() {
            let x = run[k];
            let mut j = k;
            while j > 0 && greater.greater(run[j - 1], x) {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    let mut b = vec![0; n];
    let mut width = RUN;
    while width < n {
        for (lo, out) in (0..n).step_by(2 * width).zip(b.chunks_mut(2 * width)) {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in out.iter_mut() {
                // Take from the right run only when strictly smaller: stable.
                if j < hi && (i >= mid || greater.greater(a[i], a[j])) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &[(u8, usize)]) {
        let mut ours = input.to_vec();
        ours.stable_sort_by_key(|p| p.0);
        let mut std = input.to_vec();
        std.sort_by_key(|p| p.0);
        assert_eq!(ours, std, "input {input:?}");
    }

    #[test]
    fn matches_std_stable_sort() {
        check(&[]);
        check(&[(1, 0)]);
        // Pseudo-random inputs of many lengths around the run and merge edges.
        let mut seed = 12345u32;
        for n in [2, 3, 15, 16, 17, 31, 32, 33, 100, 257, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    ((seed >> 16) as u8 % 7, i)
                })
                .collect();
            check(&v);
            let mut rev = v.clone();
            rev.reverse();
            check(&rev);
        }
    }

    #[test]
    fn sorts_owned_values() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].map(String::from).to_vec();
        v.stable_sort();
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
