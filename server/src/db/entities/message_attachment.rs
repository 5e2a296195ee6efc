//! A file joined to a message: uploaded first (`message_id` empty, visible only to its
//! author's side), tied to the message when it is sent.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub message_id: Option<i32>,
    /// `Author::as_str` of who uploaded it.
    pub author: String,
    pub agent_id: Option<i32>,
    pub original_name: String,
    /// Detected from the content, never taken from the browser.
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub uploaded_at: DateTimeUtc,
    /// Kept while the virus scan was down: not shown to agents until a scan clears it.
    pub held_for_scan: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
