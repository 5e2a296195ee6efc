//! The server's integration tests, in one binary (one link of the whole server instead of one
//! per file): each module boots the real server through the shared harness (`common`) on
//! SQLite, and on PostgreSQL when `ANEF_TEST_PG_URL` is set.

#[path = "../common/mod.rs"]
mod common;

mod account;
mod accounts;
mod addresses;
mod agent_admin;
mod appointments;
mod attacks;
mod audit;
mod backup;
mod corrections;
mod deadlines;
mod filing_store;
mod filing_wizard;
mod instruction;
mod lawful_stay;
mod messages;
mod minors;
mod outbox;
mod pages;
mod registration;
mod retention;
mod scanning;
mod second_factor;
mod tracker;
mod uploads;
mod vls_ts;
mod withdrawal;
