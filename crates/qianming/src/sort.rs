//! One small unstable sort for the whole crate.
//!
//! The standard library's sorts are fast but large: every call site instantiates its own
//! quicksort, driftsort and sorting networks (about 50 KB of WebAssembly for the five call
//! sites of this crate). The slices qianming sorts are short (query pairs, signed headers,
//! JSON keys, all bounded by [`crate::limits`]), so insertion sort for short runs and heapsort
//! above that are as fast here and a fraction of the size. Callers sort values whose keys are
//! distinct or whose equal keys are interchangeable, so stability is not needed.

use core::cmp::Ordering;

/// Below this length insertion sort is used; above it, heapsort (O(n log n) worst case).
const INSERTION_MAX: usize = 16;

/// Sorts `items` in ascending order of `compare`, not stably, in place, without allocating.
pub(crate) fn sort_unstable_by<T, F>(items: &mut [T], mut compare: F)
where
    F: FnMut(&T, &T) -> Ordering,
{
    let mut less = |a: &T, b: &T| compare(a, b) == Ordering::Less;
    if items.len() <= INSERTION_MAX {
        insertion_sort(items, &mut less);
    } else {
        heapsort(items, &mut less);
    }
}

fn insertion_sort<T>(items: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    for end in 1..items.len() {
        let mut at = end;
        while at > 0 && less(&items[at], &items[at - 1]) {
            items.swap(at, at - 1);
            at -= 1;
        }
    }
}

fn heapsort<T>(items: &mut [T], less: &mut dyn FnMut(&T, &T) -> bool) {
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, less);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, less);
    }
}

/// Restores the max-heap property below `root` within `items[..end]`.
fn sift_down<T>(
    items: &mut [T],
    mut root: usize,
    end: usize,
    less: &mut dyn FnMut(&T, &T) -> bool,
) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::sort_unstable_by;
    use alloc::vec::Vec;

    /// A small deterministic generator, so the test needs no RNG crate.
    fn numbers(count: usize, seed: u64) -> Vec<u32> {
        let mut state = seed;
        (0..count)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 40) as u32 % 97
            })
            .collect()
    }

    #[test]
    fn sorts_like_the_standard_library_at_every_length() {
        for len in 0..200 {
            for seed in 0..4 {
                let mut ours = numbers(len, seed);
                let mut theirs = ours.clone();
                sort_unstable_by(&mut ours, |a, b| a.cmp(b));
                theirs.sort_unstable();
                assert_eq!(ours, theirs, "length {len}, seed {seed}");
            }
        }
    }

    #[test]
    fn sorts_in_the_order_the_comparison_gives() {
        let mut items: Vec<u32> = (0..100).collect();
        sort_unstable_by(&mut items, |a, b| b.cmp(a));
        assert!(items.windows(2).all(|w| w[0] > w[1]));
    }
}
