//! The wasm boundary. (Being written: see issue 2.)
