//! Work that its caller may stop: the flag a caller raises and the long stages poll.
//!
//! The web server gives each heavy request's work a [`Stop`]; when the request's deadline passes (or its
//! client goes away) the flag is raised, and the stages that poll it ([`stopped`]: the terms analysis per
//! provision, compare per aligned pair, the redline per paragraph, a proposal per rule) return at once
//! with what they have. What they return then is incomplete, so the caller that raised the flag throws it
//! away ([`Stop::raised`]); nothing stopped is ever shown or kept. Work no one watches (the CLI, tests)
//! is never stopped: [`stopped`] is then always false.
//!
//! The flag is the thread's, set for the length of one call ([`Stop::watch`]), so stages need no extra
//! argument; work a stage hands to other threads is not watched there.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A stop flag, shared by the caller that may raise it and the work it watches.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

thread_local! {
    static WATCHED: RefCell<Option<Stop>> = const { RefCell::new(None) };
}

impl Stop {
    /// A flag not yet raised.
    pub fn new() -> Stop {
        Stop::default()
    }

    /// Raise the flag: the work watching it stops at its next poll.
    pub fn raise(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether the flag was raised (the work's result, if it returned, is then incomplete).
    pub fn raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Run `f` on this thread with this flag watched by every stage that polls [`stopped`]; the thread's
    /// previous flag (if any) is watched again afterwards, even if `f` panics.
    pub fn watch<T>(&self, f: impl FnOnce() -> T) -> T {
        struct Restore(Option<Stop>);
        impl Drop for Restore {
            fn drop(&mut self) {
                let previous = self.0.take();
                WATCHED.with(|w| *w.borrow_mut() = previous);
            }
        }
        let previous = WATCHED.with(|w| w.borrow_mut().replace(self.clone()));
        let _restore = Restore(previous);
        f()
    }
}

/// Whether the work on this thread has been asked to stop. Cheap (a thread-local read and an atomic
/// load): stages call it at the head of their outer loops.
pub fn stopped() -> bool {
    WATCHED.with(|w| w.borrow().as_ref().is_some_and(Stop::raised))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_watched_work_sees_its_flag_and_the_previous_flag_comes_back() {
        assert!(!stopped(), "unwatched work is never stopped");
        let outer = Stop::new();
        let inner = Stop::new();
        outer.watch(|| {
            assert!(!stopped());
            inner.raise();
            assert!(!stopped(), "another flag's raising is not this work's");
            inner.watch(|| assert!(stopped()));
            assert!(!stopped(), "the outer flag is watched again");
            outer.raise();
            assert!(stopped());
        });
        assert!(!stopped(), "after the call, nothing is watched");
        let other_thread = outer.clone();
        assert!(
            !std::thread::spawn(stopped).join().unwrap(),
            "another thread watches nothing"
        );
        assert!(other_thread.raised());
    }

    #[test]
    fn a_panic_inside_still_restores_the_thread() {
        let s = Stop::new();
        s.raise();
        let r = std::panic::catch_unwind(|| s.watch(|| panic!("inside")));
        assert!(r.is_err());
        assert!(!stopped());
    }
}
