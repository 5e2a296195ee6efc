//! The memory settings of the server's process (its allocator is mimalloc, set in `main.rs`).

/// Turns transparent huge pages off for this process. mimalloc asks the kernel for huge pages,
/// returns freed memory soon after, and each new 2 MiB page is then zeroed at its first touch:
/// under a burst of filings, a third of the CPU went to zeroing pages (`perf`), and turning
/// them off halved the CPU time of a submission (`make bench`, docs/performance.md). Databases
/// and caches advise the same. Linux only; elsewhere nothing to do.
pub fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(error) = rustix::thread::disable_transparent_huge_pages(true) {
        // An old kernel: the default stays, which is only slower.
        tracing::warn!(%error, "could not turn transparent huge pages off");
    }
}
