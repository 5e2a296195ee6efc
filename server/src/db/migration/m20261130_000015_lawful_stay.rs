//! Proof of lawful stay (`lawful_stay`): reminders before a title expires (once per threshold,
//! and an account can turn them off), verification codes and validity periods on the documents
//! the service issues (the attestation de prolongation d'instruction is renewed until the
//! decision), the day silence becomes an implicit rejection, and share codes with their checks.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    RenewalReminders,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    ImplicitDecisionOn,
    ImplicitWarnedFor,
}

#[derive(DeriveIden)]
enum IssuedDocuments {
    Table,
    Id,
    VerificationCode,
    ValidFrom,
    ValidUntil,
    EndedAt,
    EndedReason,
}

#[derive(DeriveIden)]
enum RenewalReminders {
    Table,
    Id,
    AccountId,
    ExpiresOn,
    DaysBefore,
    SentAt,
}

#[derive(DeriveIden)]
enum ShareCodes {
    Table,
    Id,
    AccountId,
    Code,
    Purpose,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum VerificationChecks {
    Table,
    Id,
    ShareCodeId,
    IssuedDocumentId,
    CheckedAt,
    Outcome,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let add = |table: DynIden, column: ColumnDef| Table::alter().table(table).add_column(column).to_owned();
        manager.alter_table(add(Accounts::Table.into_iden(), boolean(Accounts::RenewalReminders).default(true).to_owned())).await?;
        manager.alter_table(add(Applications::Table.into_iden(), date_null(Applications::ImplicitDecisionOn))).await?;
        manager.alter_table(add(Applications::Table.into_iden(), date_null(Applications::ImplicitWarnedFor))).await?;
        manager.create_index(index("ix_applications_implicit_decision", Applications::Table, &["implicit_decision_on"]).to_owned()).await?;
        for column in [
            string_null(IssuedDocuments::VerificationCode),
            date_null(IssuedDocuments::ValidFrom),
            date_null(IssuedDocuments::ValidUntil),
            timestamp_with_time_zone_null(IssuedDocuments::EndedAt),
            string_null(IssuedDocuments::EndedReason),
        ] {
            manager.alter_table(add(IssuedDocuments::Table.into_iden(), column)).await?;
        }
        manager.create_index(index("ux_issued_documents_code", IssuedDocuments::Table, &["verification_code"]).unique().to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(RenewalReminders::Table)
                    .col(pk_auto(RenewalReminders::Id))
                    .col(integer(RenewalReminders::AccountId))
                    .col(date(RenewalReminders::ExpiresOn))
                    .col(integer(RenewalReminders::DaysBefore))
                    .col(timestamp_with_time_zone(RenewalReminders::SentAt))
                    .foreign_key(&mut fk(
                        "fk_renewal_reminders_account",
                        (RenewalReminders::Table, RenewalReminders::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        // One reminder per title and threshold, whichever instance sends it.
        let mut once = index("ux_renewal_reminders_once", RenewalReminders::Table, &["account_id", "expires_on", "days_before"]);
        manager.create_index(once.unique().to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(ShareCodes::Table)
                    .col(pk_auto(ShareCodes::Id))
                    .col(integer(ShareCodes::AccountId))
                    .col(string(ShareCodes::Code))
                    .col(string(ShareCodes::Purpose))
                    .col(timestamp_with_time_zone(ShareCodes::CreatedAt))
                    .col(timestamp_with_time_zone(ShareCodes::ExpiresAt))
                    .col(timestamp_with_time_zone_null(ShareCodes::RevokedAt))
                    .foreign_key(&mut fk(
                        "fk_share_codes_account",
                        (ShareCodes::Table, ShareCodes::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_share_codes_code", ShareCodes::Table, &["code"]).unique().to_owned()).await?;
        manager.create_index(index("ix_share_codes_account", ShareCodes::Table, &["account_id"]).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(VerificationChecks::Table)
                    .col(pk_auto(VerificationChecks::Id))
                    .col(integer_null(VerificationChecks::ShareCodeId))
                    .col(integer_null(VerificationChecks::IssuedDocumentId))
                    .col(timestamp_with_time_zone(VerificationChecks::CheckedAt))
                    .col(string(VerificationChecks::Outcome))
                    .foreign_key(&mut fk(
                        "fk_verification_checks_share_code",
                        (VerificationChecks::Table, VerificationChecks::ShareCodeId),
                        (ShareCodes::Table, ShareCodes::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_verification_checks_document",
                        (VerificationChecks::Table, VerificationChecks::IssuedDocumentId),
                        (IssuedDocuments::Table, IssuedDocuments::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ix_verification_checks_share_code", VerificationChecks::Table, &["share_code_id"]).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(VerificationChecks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(ShareCodes::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RenewalReminders::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("ux_issued_documents_code").table(IssuedDocuments::Table).to_owned()).await?;
        for column in [
            IssuedDocuments::VerificationCode,
            IssuedDocuments::ValidFrom,
            IssuedDocuments::ValidUntil,
            IssuedDocuments::EndedAt,
            IssuedDocuments::EndedReason,
        ] {
            manager.alter_table(Table::alter().table(IssuedDocuments::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("ix_applications_implicit_decision").table(Applications::Table).to_owned()).await?;
        for column in [Applications::ImplicitDecisionOn, Applications::ImplicitWarnedFor] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Accounts::Table).drop_column(Accounts::RenewalReminders).to_owned()).await
    }
}
