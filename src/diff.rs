//! Word-level diff of two wordings. (Being written: see issue 5.)
