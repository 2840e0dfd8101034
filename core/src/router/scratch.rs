//! Working buffers a routing reuses, one set per thread, so that routing
//! an enquiry does not allocate and free them each time.

use std::cell::Cell;

use crate::matcher::{Hit, TermRef};

/// Buffers above this capacity (bytes or entries) are released after a
/// routing, so one huge enquiry does not pin its memory to the thread.
const KEEP_CAPACITY: usize = 16 * 1024;

/// The buffers of one routing.
#[derive(Default)]
pub(super) struct Scratch {
    /// The normalised text.
    pub normalized: Vec<u8>,
    /// The matcher's raw hits.
    pub hits: Vec<Hit>,
    /// The terms found.
    pub terms: Vec<TermRef>,
    /// The scored types, best first.
    pub scored: Vec<(usize, f64)>,
}

impl Scratch {
    fn trim(&mut self) {
        fn trim<T>(v: &mut Vec<T>) {
            if v.capacity() > KEEP_CAPACITY {
                *v = Vec::new();
            }
        }
        trim(&mut self.normalized);
        trim(&mut self.hits);
        trim(&mut self.terms);
        trim(&mut self.scored);
    }
}

thread_local! {
    static SCRATCH: Cell<Option<Scratch>> = const { Cell::new(None) };
}

/// Runs `f` with this thread's buffers. They are taken out for the call and
/// put back after it, so a routing inside a routing, or one on a thread
/// shutting down, simply gets fresh ones: never a panic.
pub(super) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = SCRATCH
        .try_with(Cell::take)
        .ok()
        .flatten()
        .unwrap_or_default();
    let out = f(&mut scratch);
    scratch.trim();
    // Fails only while the thread shuts down; the buffers are then dropped.
    let _ = SCRATCH.try_with(|cell| cell.set(Some(scratch)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_are_reused_and_big_ones_released() {
        let capacity = with_scratch(|s| {
            s.normalized.extend_from_slice(b" hej ");
            s.normalized.capacity()
        });
        assert!(capacity >= 5);
        with_scratch(|s| {
            assert!(s.normalized.capacity() >= capacity);
            s.normalized.resize(KEEP_CAPACITY + 1, b' ');
        });
        with_scratch(|s| assert_eq!(s.normalized.capacity(), 0));
    }

    #[test]
    fn a_nested_use_gets_fresh_buffers() {
        let inner = with_scratch(|outer| {
            outer.terms.push(TermRef { ty: 1, term: 2 });
            with_scratch(|inner| inner.terms.len())
        });
        assert_eq!(inner, 0);
    }
}
