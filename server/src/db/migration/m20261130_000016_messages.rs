//! A message thread per file (`messages`): immutable messages from the applicant or an agent,
//! when the other side read them, the agent's "awaiting your answer" deadline; and the files
//! joined to them (`message_attachments`), uploaded before the message is sent (then
//! `message_id` is empty) and tied to it when it is.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    ApplicationId,
    Author,
    AgentId,
    Body,
    AwaitingUntil,
    SentAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum MessageAttachments {
    Table,
    Id,
    ApplicationId,
    MessageId,
    Author,
    AgentId,
    OriginalName,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(pk_auto(Messages::Id))
                    .col(integer(Messages::ApplicationId))
                    .col(string(Messages::Author))
                    .col(integer_null(Messages::AgentId))
                    .col(text(Messages::Body))
                    .col(date_null(Messages::AwaitingUntil))
                    .col(timestamp_with_time_zone(Messages::SentAt))
                    .col(timestamp_with_time_zone_null(Messages::ReadAt))
                    .foreign_key(&mut fk(
                        "fk_messages_application",
                        (Messages::Table, Messages::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_messages_agent",
                        (Messages::Table, Messages::AgentId),
                        (Agents::Table, Agents::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_messages_application", Messages::Table, &["application_id", "id"]).to_owned()).await?;
        // Unread counts: the queue's and the account's, per file and author.
        manager.create_index(index("ix_messages_unread", Messages::Table, &["application_id", "author", "read_at"]).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(MessageAttachments::Table)
                    .col(pk_auto(MessageAttachments::Id))
                    .col(integer(MessageAttachments::ApplicationId))
                    .col(integer_null(MessageAttachments::MessageId))
                    .col(string(MessageAttachments::Author))
                    .col(integer_null(MessageAttachments::AgentId))
                    .col(string(MessageAttachments::OriginalName))
                    .col(string(MessageAttachments::ContentType))
                    .col(big_integer(MessageAttachments::SizeBytes))
                    .col(string(MessageAttachments::Sha256))
                    .col(string(MessageAttachments::StorageKey))
                    .col(timestamp_with_time_zone(MessageAttachments::UploadedAt))
                    .foreign_key(&mut fk(
                        "fk_message_attachments_application",
                        (MessageAttachments::Table, MessageAttachments::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_message_attachments_message",
                        (MessageAttachments::Table, MessageAttachments::MessageId),
                        (Messages::Table, Messages::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ix_message_attachments_application", MessageAttachments::Table, &["application_id", "message_id"]).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MessageAttachments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Messages::Table).to_owned()).await
    }
}
