//! The administration of agent accounts and of the service's undelivered e-mails, behind
//! `/agent/administration` ([`AgentAdminService`]).

mod service;

pub use service::AgentAdminService;
