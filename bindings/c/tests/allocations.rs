//! Counts heap allocations per signing call: the ABI layer must add none to what the core
//! itself allocates, and request signing (the core's `sign_into` with this thread's warm
//! `SigningBuffer`) must allocate nothing at all (README, "Allocations").

use qianming::kingdee::{Request, Signer, SigningBuffer};
use qianming_ffi::{qm_kingdee_app_signature, qm_status, qm_weaver_sign};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[path = "common/abi_signer.rs"]
mod abi_signer;
use abi_signer::AbiSigner;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count(mut call: impl FnMut()) -> usize {
    call(); // warm up (lazy statics, if any)
    let before = ALLOCATIONS.with(Cell::get);
    call();
    ALLOCATIONS.with(Cell::get) - before
}

const ID: &str = "123456";
const SECRET: &str = "0123456789abcdef0123456789abcdef";
const PATH: &str = "/jdyconnector/app_management/kingdee_auth_token";
const QUERY: [(&str, &str); 2] = [("app_key", "abc"), ("app_signature", "ZDlj==")];

#[test]
fn the_abi_adds_no_allocation_to_the_core_when_signing() {
    let signer = Signer::new(ID, SECRET).expect("signer");
    let core = count(|| {
        let request = Request::new("GET", PATH).with_query(&QUERY);
        let out = signer.sign(&request, "1700000000000", "1234567890");
        assert!(out.is_ok());
    });

    let mut abi_signer = AbiSigner::new(ID, SECRET, &QUERY, 2048);
    let abi = count(|| {
        let status = abi_signer.sign(PATH, "1700000000000", "1234567890");
        assert_eq!(status, qm_status::Ok);
    });
    let mut buffer = SigningBuffer::default();
    let core_into = count(|| {
        let request = Request::new("GET", PATH).with_query(&QUERY);
        let out = signer.sign_into(&request, "1700000000000", "1234567890", &mut buffer);
        assert!(out.is_ok());
    });
    println!(
        "allocations per request signature: Rust core sign {core}, core sign_into (warm) {core_into}, C ABI {abi}"
    );
    assert_eq!(core_into, 0, "the core's warm sign_into allocated");
    assert_eq!(abi, core_into, "the ABI layer allocated");
    assert!(core > 0, "the counting allocator counts nothing");

    let mut out = [0u8; 128];
    let mut len = 0usize;
    let app = count(|| {
        // SAFETY: valid strings and buffer.
        let status = unsafe {
            qm_kingdee_app_signature(
                "abc".as_ptr().cast(),
                3,
                "abc123".as_ptr().cast(),
                6,
                out.as_mut_ptr().cast(),
                out.len(),
                &mut len,
            )
        };
        assert_eq!(status, qm_status::Ok);
    });
    let core_app = count(|| assert!(qianming::kingdee::app_signature("abc", "abc123").is_ok()));
    println!("allocations per app_signature: Rust core {core_app}, C ABI {app}");
    // The ABI writes the core's stack-held `app_signature_text` straight into the caller's
    // buffer; only the core's `String`-returning form allocates.
    assert_eq!(app, 0, "the ABI's app_signature allocated");
    assert_eq!(
        core_app, 1,
        "the core's app_signature makes exactly its String"
    );

    let weaver = count(|| {
        // SAFETY: valid strings and buffer.
        let status = unsafe {
            qm_weaver_sign(
                "weaverappid".as_ptr().cast(),
                11,
                "weaversecret".as_ptr().cast(),
                12,
                "8fy6K39X6PIEEeOq".as_ptr().cast(),
                16,
                1_742_369_234_096,
                out.as_mut_ptr().cast(),
                out.len(),
                &mut len,
            )
        };
        assert_eq!(status, qm_status::Ok);
    });
    let core_weaver = count(|| {
        assert!(
            qianming::weaver::sign("weaverappid", "weaversecret", "8fy6K39X6PIEEeOq", 1).is_ok()
        )
    });
    println!("allocations per Weaver sign: Rust core {core_weaver}, C ABI {weaver}");
    assert_eq!(weaver, core_weaver);
}
