//! "Je donne mon avis": the applicant's rating and comment, one per filed application (a second
//! one replaces the first), and the summary the administrators of a scope read.

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait, Set,
};

use app::domain::feedback::{Feedback, FeedbackSummary};

use crate::clock::Clock;
use crate::db::entities::{application, feedback};

/// How many comments the summary shows.
const RECENT: u64 = 10;

pub async fn record(db: &impl ConnectionTrait, clock: &Clock, application_id: i32, given: Feedback) -> Result<(), DbErr> {
    let row = feedback::ActiveModel {
        application_id: Set(application_id),
        rating: Set(i16::from(given.rating)),
        comment: Set(given.comment),
        created_at: Set(clock.now()),
        ..Default::default()
    };
    let replace = OnConflict::column(feedback::Column::ApplicationId)
        .update_columns([feedback::Column::Rating, feedback::Column::Comment, feedback::Column::CreatedAt])
        .to_owned();
    feedback::Entity::insert(row).on_conflict(replace).exec(db).await?;
    Ok(())
}

/// The feedback on the files of `prefecture` (every file when `None`).
pub async fn summary(db: &impl ConnectionTrait, prefecture: Option<i32>) -> Result<FeedbackSummary, DbErr> {
    let scoped = || {
        feedback::Entity::find()
            .join(JoinType::InnerJoin, feedback::Relation::Application.def())
            .apply_if(prefecture, |query, id| query.filter(application::Column::PrefectureId.eq(id)))
    };
    let counts: Vec<(i16, i64)> = scoped()
        .select_only()
        .column(feedback::Column::Rating)
        .column_as(feedback::Column::Id.count(), "n")
        .group_by(feedback::Column::Rating)
        .into_tuple()
        .all(db)
        .await?;
    let mut per_rating = [0u32; 5];
    for (rating, n) in counts {
        if let Some(slot) = usize::try_from(rating).ok().and_then(|r| r.checked_sub(1)).and_then(|i| per_rating.get_mut(i)) {
            *slot = u32::try_from(n).unwrap_or(u32::MAX);
        }
    }
    let recent = scoped()
        .filter(feedback::Column::Comment.is_not_null())
        .order_by_desc(feedback::Column::CreatedAt)
        .limit(RECENT)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let rating = u8::try_from(row.rating).unwrap_or_default();
            (rating, row.comment.unwrap_or_default(), row.created_at.format("%d/%m/%Y").to_string())
        })
        .collect();
    Ok(FeedbackSummary { per_rating, recent })
}
