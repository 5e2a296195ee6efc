//! sea-orm models, one per table. They stay inside the server crate: server functions return
//! DTOs of the `app` crate, never these.

pub mod account;
pub mod account_token;
pub mod address;
pub mod agent;
pub mod agent_event;
pub mod agent_session;
pub mod application;
pub mod application_change;
pub mod application_event;
pub mod application_file;
pub mod appointment;
pub mod collection_slot;
pub mod commune;
pub mod complement_item;
pub mod complement_request;
pub mod contact_message;
pub mod correction_request;
pub mod email;
pub mod email_attachment;
pub mod feedback;
pub mod issued_document;
pub mod job;
pub mod message;
pub mod message_attachment;
pub mod notification;
pub mod person;
pub mod prefecture;
pub mod renewal_reminder;
pub mod session;
pub mod share_code;
pub mod signup_request;
pub mod tax_stamp;
pub mod title;
pub mod verification_check;
pub mod visa;
