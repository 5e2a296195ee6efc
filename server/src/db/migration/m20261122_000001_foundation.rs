//! Reference registers (prefectures, AGDREF, titles, VISABIO), accounts and sessions, rate
//! limits, the e-mail outbox and the job queue.

use sea_orm_migration::{prelude::*, schema::*};

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Prefectures {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Departement,
    ParentId,
    Street,
    PostalCode,
    City,
    Email,
}

#[derive(DeriveIden)]
enum Communes {
    Table,
    Id,
    InseeCode,
    Name,
    PostalCode,
    PrefectureId,
}

#[derive(DeriveIden)]
enum Persons {
    Table,
    Id,
    NumeroEtranger,
    BirthName,
    UsageName,
    GivenNames,
    Sex,
    BirthDate,
    BirthCountry,
    BirthPlace,
    Nationality,
    Street,
    Complement,
    PostalCode,
    City,
    InseeCode,
    Phone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Titles {
    Table,
    Id,
    TitleNumber,
    PersonId,
    Kind,
    Category,
    Label,
    Mention,
    ValidFrom,
    ValidTo,
}

#[derive(DeriveIden)]
enum Visas {
    Table,
    Id,
    VisaNumber,
    PersonId,
    DocType,
    Category,
    Label,
    Mention,
    ValidFrom,
    ValidTo,
    BirthName,
    GivenNames,
    Sex,
    BirthDate,
    BirthCountry,
    BirthPlace,
    Nationality,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    PersonId,
    VisaId,
    Email,
    EmailVerifiedAt,
    PasswordHash,
    MustChangePassword,
    Lang,
    Phone,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SignupRequests {
    Table,
    Id,
    TicketHash,
    PersonId,
    VisaId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AccountTokens {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    NewEmail,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    AccountId,
    DisplayName,
    MustChangePassword,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Id,
    Bucket,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    Id,
    ToAddress,
    Subject,
    TextBody,
    HtmlBody,
    CreatedAt,
    SentAt,
    LastError,
}

#[derive(DeriveIden)]
enum EmailAttachments {
    Table,
    Id,
    EmailId,
    Filename,
    ContentType,
    Data,
}

#[derive(DeriveIden)]
enum Jobs {
    Table,
    Id,
    Kind,
    Payload,
    Status,
    RunAt,
    Attempts,
    MaxAttempts,
    LockedUntil,
    LockedBy,
    LastError,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum ContactMessages {
    Table,
    Id,
    Name,
    Email,
    Subject,
    Message,
    Lang,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Prefectures::Table)
                    .col(pk_auto(Prefectures::Id))
                    .col(string_uniq(Prefectures::Code))
                    .col(string(Prefectures::Name))
                    .col(string(Prefectures::Kind))
                    .col(string(Prefectures::Departement))
                    .col(integer_null(Prefectures::ParentId))
                    .col(string(Prefectures::Street))
                    .col(string(Prefectures::PostalCode))
                    .col(string(Prefectures::City))
                    .col(string(Prefectures::Email))
                    .foreign_key(&mut fk(
                        "fk_prefectures_parent",
                        (Prefectures::Table, Prefectures::ParentId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_prefectures_departement", Prefectures::Table, &["departement"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Communes::Table)
                    .col(pk_auto(Communes::Id))
                    .col(string_uniq(Communes::InseeCode))
                    .col(string(Communes::Name))
                    .col(string(Communes::PostalCode))
                    .col(integer(Communes::PrefectureId))
                    .foreign_key(&mut fk(
                        "fk_communes_prefecture",
                        (Communes::Table, Communes::PrefectureId),
                        (Prefectures::Table, Prefectures::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Persons::Table)
                    .col(pk_auto(Persons::Id))
                    .col(string_uniq(Persons::NumeroEtranger))
                    .col(string(Persons::BirthName))
                    .col(string_null(Persons::UsageName))
                    .col(string(Persons::GivenNames))
                    .col(string(Persons::Sex))
                    .col(date(Persons::BirthDate))
                    .col(string(Persons::BirthCountry))
                    .col(string(Persons::BirthPlace))
                    .col(string(Persons::Nationality))
                    .col(string(Persons::Street))
                    .col(string_null(Persons::Complement))
                    .col(string(Persons::PostalCode))
                    .col(string(Persons::City))
                    .col(string(Persons::InseeCode))
                    .col(string_null(Persons::Phone))
                    .col(timestamp_with_time_zone(Persons::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_persons_birth_name", Persons::Table, &["birth_name"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Titles::Table)
                    .col(pk_auto(Titles::Id))
                    .col(string_uniq(Titles::TitleNumber))
                    .col(integer(Titles::PersonId))
                    .col(string(Titles::Kind))
                    .col(string(Titles::Category))
                    .col(string(Titles::Label))
                    .col(string(Titles::Mention))
                    .col(date(Titles::ValidFrom))
                    .col(date(Titles::ValidTo))
                    .foreign_key(&mut fk(
                        "fk_titles_person",
                        (Titles::Table, Titles::PersonId),
                        (Persons::Table, Persons::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_titles_person", Titles::Table, &["person_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Visas::Table)
                    .col(pk_auto(Visas::Id))
                    .col(string_uniq(Visas::VisaNumber))
                    .col(integer_null(Visas::PersonId))
                    .col(string(Visas::DocType))
                    .col(string(Visas::Category))
                    .col(string(Visas::Label))
                    .col(string(Visas::Mention))
                    .col(date(Visas::ValidFrom))
                    .col(date(Visas::ValidTo))
                    .col(string(Visas::BirthName))
                    .col(string(Visas::GivenNames))
                    .col(string(Visas::Sex))
                    .col(date(Visas::BirthDate))
                    .col(string(Visas::BirthCountry))
                    .col(string(Visas::BirthPlace))
                    .col(string(Visas::Nationality))
                    .foreign_key(&mut fk(
                        "fk_visas_person",
                        (Visas::Table, Visas::PersonId),
                        (Persons::Table, Persons::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_visas_person", Visas::Table, &["person_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(pk_auto(Accounts::Id))
                    .col(integer_null(Accounts::PersonId).unique_key())
                    .col(integer_null(Accounts::VisaId).unique_key())
                    .col(string(Accounts::Email))
                    .col(timestamp_with_time_zone_null(Accounts::EmailVerifiedAt))
                    .col(string_null(Accounts::PasswordHash))
                    .col(boolean(Accounts::MustChangePassword).default(false))
                    .col(string(Accounts::Lang))
                    .col(string_null(Accounts::Phone))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_accounts_person",
                        (Accounts::Table, Accounts::PersonId),
                        (Persons::Table, Persons::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_accounts_visa",
                        (Accounts::Table, Accounts::VisaId),
                        (Visas::Table, Visas::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignupRequests::Table)
                    .col(pk_auto(SignupRequests::Id))
                    .col(string_uniq(SignupRequests::TicketHash))
                    .col(integer_null(SignupRequests::PersonId))
                    .col(integer_null(SignupRequests::VisaId))
                    .col(timestamp_with_time_zone(SignupRequests::CreatedAt))
                    .col(timestamp_with_time_zone(SignupRequests::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SignupRequests::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_signup_person",
                        (SignupRequests::Table, SignupRequests::PersonId),
                        (Persons::Table, Persons::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_signup_visa",
                        (SignupRequests::Table, SignupRequests::VisaId),
                        (Visas::Table, Visas::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_signup_requests_expires", SignupRequests::Table, &["expires_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountTokens::Table)
                    .col(pk_auto(AccountTokens::Id))
                    .col(integer(AccountTokens::AccountId))
                    .col(string(AccountTokens::Purpose))
                    .col(string_uniq(AccountTokens::TokenHash))
                    .col(string_null(AccountTokens::NewEmail))
                    .col(timestamp_with_time_zone(AccountTokens::CreatedAt))
                    .col(timestamp_with_time_zone(AccountTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountTokens::UsedAt))
                    .foreign_key(&mut fk(
                        "fk_tokens_account",
                        (AccountTokens::Table, AccountTokens::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_account_tokens_account", AccountTokens::Table, &["account_id", "purpose"])).await?;
        manager.create_index(index("idx_account_tokens_expires", AccountTokens::Table, &["expires_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(pk_auto(Sessions::Id))
                    .col(string_uniq(Sessions::TokenHash))
                    .col(integer(Sessions::AccountId))
                    .col(string(Sessions::DisplayName))
                    .col(boolean(Sessions::MustChangePassword).default(false))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(&mut fk(
                        "fk_sessions_account",
                        (Sessions::Table, Sessions::AccountId),
                        (Accounts::Table, Accounts::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_sessions_account", Sessions::Table, &["account_id"])).await?;
        manager.create_index(index("idx_sessions_expires", Sessions::Table, &["expires_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(pk_auto(RateLimits::Id))
                    .col(string(RateLimits::Bucket))
                    .col(big_integer(RateLimits::WindowStart))
                    .col(integer(RateLimits::Hits))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_rate_limits_bucket_window")
                    .table(RateLimits::Table)
                    .col(RateLimits::Bucket)
                    .col(RateLimits::WindowStart)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_rate_limits_window", RateLimits::Table, &["window_start"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Emails::Table)
                    .col(pk_auto(Emails::Id))
                    .col(string(Emails::ToAddress))
                    .col(string(Emails::Subject))
                    .col(text(Emails::TextBody))
                    .col(text(Emails::HtmlBody))
                    .col(timestamp_with_time_zone(Emails::CreatedAt))
                    .col(timestamp_with_time_zone_null(Emails::SentAt))
                    .col(text_null(Emails::LastError))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_emails_to", Emails::Table, &["to_address"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailAttachments::Table)
                    .col(pk_auto(EmailAttachments::Id))
                    .col(integer(EmailAttachments::EmailId))
                    .col(string(EmailAttachments::Filename))
                    .col(string(EmailAttachments::ContentType))
                    .col(blob(EmailAttachments::Data))
                    .foreign_key(&mut fk(
                        "fk_attachments_email",
                        (EmailAttachments::Table, EmailAttachments::EmailId),
                        (Emails::Table, Emails::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_email_attachments_email", EmailAttachments::Table, &["email_id"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(Jobs::Table)
                    .col(pk_auto(Jobs::Id))
                    .col(string(Jobs::Kind))
                    .col(text(Jobs::Payload))
                    .col(string(Jobs::Status))
                    .col(timestamp_with_time_zone(Jobs::RunAt))
                    .col(integer(Jobs::Attempts).default(0))
                    .col(integer(Jobs::MaxAttempts))
                    .col(timestamp_with_time_zone_null(Jobs::LockedUntil))
                    .col(string_null(Jobs::LockedBy))
                    .col(text_null(Jobs::LastError))
                    .col(timestamp_with_time_zone(Jobs::CreatedAt))
                    .col(timestamp_with_time_zone_null(Jobs::FinishedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("idx_jobs_due", Jobs::Table, &["status", "run_at"])).await?;

        manager
            .create_table(
                Table::create()
                    .table(ContactMessages::Table)
                    .col(pk_auto(ContactMessages::Id))
                    .col(string(ContactMessages::Name))
                    .col(string(ContactMessages::Email))
                    .col(string(ContactMessages::Subject))
                    .col(text(ContactMessages::Message))
                    .col(string(ContactMessages::Lang))
                    .col(timestamp_with_time_zone(ContactMessages::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ContactMessages::Table.into_iden(),
            Jobs::Table.into_iden(),
            EmailAttachments::Table.into_iden(),
            Emails::Table.into_iden(),
            RateLimits::Table.into_iden(),
            Sessions::Table.into_iden(),
            AccountTokens::Table.into_iden(),
            SignupRequests::Table.into_iden(),
            Accounts::Table.into_iden(),
            Visas::Table.into_iden(),
            Titles::Table.into_iden(),
            Persons::Table.into_iden(),
            Communes::Table.into_iden(),
            Prefectures::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
