//! The back-office: agent accounts and sessions, the prefecture's queue, the file view and the
//! lifecycle actions with their audit trail, e-mails and issued documents.

pub mod admin;
pub mod agents;
pub mod complements;
pub mod deadlines;
pub mod decision;
pub mod service;
