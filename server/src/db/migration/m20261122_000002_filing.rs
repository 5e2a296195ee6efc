//! Application files: drafts and submitted files with their answers, the documents applicants
//! join, the documents the service issues (receipt, decisions), the audit trail of every change
//! of state, and the counters behind file numbers.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    PublicId,
    AccountId,
    Procedure,
    RequestKind,
    Status,
    /// JSON of the shared `Answers` type.
    Answers,
    /// The step the wizard resumes at.
    CurrentStep,
    /// JSON list of the recap parts the applicant validated.
    RecapValidated,
    /// Bumped at every change: a save based on an older version is refused (two tabs).
    Version,
    Observations,
    FileNumber,
    PrefectureId,
    SubmittedAt,
    /// Deadline of a complementary-document request.
    DeadlineOn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ApplicationFiles {
    Table,
    Id,
    ApplicationId,
    DocumentCode,
    OriginalName,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedAt,
}

#[derive(DeriveIden)]
enum IssuedDocuments {
    Table,
    Id,
    ApplicationId,
    Kind,
    FileName,
    SizeBytes,
    Sha256,
    StorageKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApplicationEvents {
    Table,
    Id,
    ApplicationId,
    ActorKind,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    Detail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FileNumberCounters {
    Table,
    Prefix,
    Last,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Prefectures {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(pk_auto(Applications::Id))
                    .col(string_uniq(Applications::PublicId))
                    .col(integer(Applications::AccountId))
                    .col(string(Applications::Procedure))
                    .col(string(Applications::RequestKind))
                    .col(string(Applications::Status))
                    .col(text(Applications::Answers))
                    .col(string(Applications::CurrentStep))
                    .col(text(Applications::RecapValidated))
                    .col(integer(Applications::Version))
                    .col(text_null(Applications::Observations))
                    .col(string_null(Applications::FileNumber).unique_key())
                    .col(integer_null(Applications::PrefectureId))
                    .col(timestamp_with_time_zone_null(Applications::SubmittedAt))
                    .col(date_null(Applications::DeadlineOn))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_applications_account",
                        (Applications::Table, Applications::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_applications_prefecture",
                        (Applications::Table, Applications::PrefectureId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_applications_account", Applications::Table, &["account_id", "status"])).await?;
        // The agents' queue: a prefecture's files by status, oldest first.
        manager.create_index(index("idx_applications_queue", Applications::Table, &["prefecture_id", "status", "submitted_at"])).await?;
        // The deadline job.
        manager.create_index(index("idx_applications_deadline", Applications::Table, &["status", "deadline_on"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationFiles::Table)
                    .col(pk_auto(ApplicationFiles::Id))
                    .col(integer(ApplicationFiles::ApplicationId))
                    .col(string(ApplicationFiles::DocumentCode))
                    .col(string(ApplicationFiles::OriginalName))
                    .col(string(ApplicationFiles::ContentType))
                    .col(big_integer(ApplicationFiles::SizeBytes))
                    .col(string(ApplicationFiles::Sha256))
                    .col(string(ApplicationFiles::StorageKey))
                    .col(timestamp_with_time_zone(ApplicationFiles::UploadedAt))
                    .foreign_key(&mut fk(
                        "fk_application_files_application",
                        (ApplicationFiles::Table, ApplicationFiles::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("idx_application_files_document", ApplicationFiles::Table, &["application_id", "document_code"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IssuedDocuments::Table)
                    .col(pk_auto(IssuedDocuments::Id))
                    .col(integer(IssuedDocuments::ApplicationId))
                    .col(string(IssuedDocuments::Kind))
                    .col(string(IssuedDocuments::FileName))
                    .col(big_integer(IssuedDocuments::SizeBytes))
                    .col(string(IssuedDocuments::Sha256))
                    .col(string(IssuedDocuments::StorageKey))
                    .col(timestamp_with_time_zone(IssuedDocuments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_issued_documents_application",
                        (IssuedDocuments::Table, IssuedDocuments::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_issued_documents_application", IssuedDocuments::Table, &["application_id", "kind"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ApplicationEvents::Table)
                    .col(pk_auto(ApplicationEvents::Id))
                    .col(integer(ApplicationEvents::ApplicationId))
                    .col(string(ApplicationEvents::ActorKind))
                    .col(integer_null(ApplicationEvents::ActorId))
                    .col(string(ApplicationEvents::Action))
                    .col(string_null(ApplicationEvents::FromStatus))
                    .col(string(ApplicationEvents::ToStatus))
                    .col(text_null(ApplicationEvents::Detail))
                    .col(timestamp_with_time_zone(ApplicationEvents::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_application_events_application",
                        (ApplicationEvents::Table, ApplicationEvents::ApplicationId),
                        (Applications::Table, Applications::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_application_events_application", ApplicationEvents::Table, &["application_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(FileNumberCounters::Table)
                    .col(string(FileNumberCounters::Prefix).primary_key())
                    .col(integer(FileNumberCounters::Last))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FileNumberCounters::Table.into_iden(),
            ApplicationEvents::Table.into_iden(),
            IssuedDocuments::Table.into_iden(),
            ApplicationFiles::Table.into_iden(),
            Applications::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
