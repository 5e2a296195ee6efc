//! The back-office: agent accounts and sessions, the prefecture's queue, the file view and the
//! lifecycle actions with their audit trail, e-mails and issued documents, and the registration
//! of visa holders in AGDREF.

pub mod agents;
pub mod complements;
pub mod deadlines;
pub mod decision;
pub mod queue;
pub mod registration;
pub mod second_factor;
pub mod service;
