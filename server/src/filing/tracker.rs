//! The stage tracker of a filed application and the prefectures' delay figures
//! (`app::domain::tracker`): the stages from the file's history, the decision's estimate from
//! the prefecture's decisions of the last 90 days for the same procedure, and the file's place
//! among those waiting to be taken in charge.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use app::accounts::{EstimateView, StageView, TrackerView};
use app::domain::lifecycle::{Action, FileStatus};
use app::domain::tracker::{delay_figures, stages, DelayFigures, FIGURES_WINDOW_DAYS};
use app::i18n::Lang;

use crate::clock::to_domain_date;
use crate::db::entities::{application, application_event};

const DECISIONS: [Action; 2] = [Action::DecideFavourable, Action::Refuse];

/// Days from filing to decision of the files decided by `prefecture_id` in the 90 days before
/// `today`, per procedure (only `procedure`'s when one is given): one pass for a whole page.
async fn delays(
    db: &impl ConnectionTrait,
    prefecture_id: i32,
    procedure: Option<&str>,
    today: NaiveDate,
) -> Result<HashMap<String, Vec<i64>>, DbErr> {
    let since = (today - Duration::days(FIGURES_WINDOW_DAYS)).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let decisions = application_event::Entity::find()
        .filter(application_event::Column::Action.is_in(DECISIONS.map(Action::as_str)))
        .filter(application_event::Column::CreatedAt.gte(since))
        .all(db)
        .await?;
    let mut files = application::Entity::find()
        .filter(application::Column::Id.is_in(decisions.iter().map(|d| d.application_id)))
        .filter(application::Column::PrefectureId.eq(prefecture_id));
    if let Some(procedure) = procedure {
        files = files.filter(application::Column::Procedure.eq(procedure));
    }
    let mut delays: HashMap<String, Vec<i64>> = HashMap::new();
    for file in files.all(db).await? {
        let Some(filed) = file.submitted_at.map(|at| at.date_naive()) else { continue };
        let decided = decisions.iter().filter(|d| d.application_id == file.id).map(|d| d.created_at.date_naive()).min();
        if let Some(decided) = decided {
            delays.entry(file.procedure).or_default().push((decided - filed).num_days());
        }
    }
    Ok(delays)
}

/// The figures of `procedure` at `prefecture_id` (`None` below `min_files` decisions).
pub async fn figures(
    db: &impl ConnectionTrait,
    prefecture_id: i32,
    procedure: &str,
    today: NaiveDate,
    min_files: usize,
) -> Result<Option<DelayFigures>, DbErr> {
    let mut delays = delays(db, prefecture_id, Some(procedure), today).await?;
    Ok(delays.remove(procedure).and_then(|d| delay_figures(d, min_files)))
}

/// The figures of every procedure at `prefecture_id` that has enough decisions.
pub async fn figures_by_procedure(
    db: &impl ConnectionTrait,
    prefecture_id: i32,
    today: NaiveDate,
    min_files: usize,
) -> Result<HashMap<String, DelayFigures>, DbErr> {
    let delays = delays(db, prefecture_id, None, today).await?;
    Ok(delays.into_iter().filter_map(|(procedure, d)| Some((procedure, delay_figures(d, min_files)?))).collect())
}

/// How many of `procedure`'s files wait for `prefecture_id` to take them in charge.
pub async fn waiting(db: &impl ConnectionTrait, prefecture_id: i32, procedure: &str) -> Result<u64, DbErr> {
    application::Entity::find()
        .filter(application::Column::PrefectureId.eq(prefecture_id))
        .filter(application::Column::Procedure.eq(procedure))
        .filter(application::Column::Status.eq(FileStatus::Deposee.as_str()))
        .count(db)
        .await
}

/// The tracker of `file` (filed), from its `history` (oldest first).
pub async fn view(
    db: &impl ConnectionTrait,
    file: &application::Model,
    history: &[application_event::Model],
    today: NaiveDate,
    min_files: usize,
    lang: Lang,
) -> Result<TrackerView, DbErr> {
    let events: Vec<(Action, app::domain::date::Date)> =
        history.iter().filter_map(|e| Some((e.action.parse().ok()?, to_domain_date(e.created_at.date_naive())))).collect();
    let stages: Vec<StageView> = stages(&events)
        .into_iter()
        .map(|(stage, day)| StageView {
            stage,
            label: stage.label().get(lang).to_owned(),
            next: stage.next().get(lang).to_owned(),
            reached_on: day.map(|d| d.to_french()),
        })
        .collect();
    let status = crate::filing::status::current(file).ok();
    let undecided = status.is_some_and(FileStatus::awaits_decision);
    let (Some(prefecture_id), Some(filed_at), true) = (file.prefecture_id, file.submitted_at, undecided) else {
        return Ok(TrackerView { stages, estimate: None, position: None, awaiting_decision: false });
    };
    let estimate = figures(db, prefecture_id, &file.procedure, today, min_files).await?.map(|f| {
        let filed = filed_at.date_naive();
        EstimateView {
            from: to_domain_date(filed + Duration::days(f.median)).to_french(),
            to: to_domain_date(filed + Duration::days(f.ninth_decile)).to_french(),
            count: f.count,
        }
    });
    // Its place among the files waiting to be taken, oldest first.
    let position = match status {
        Some(FileStatus::Deposee) => Some(
            application::Entity::find()
                .filter(application::Column::PrefectureId.eq(prefecture_id))
                .filter(application::Column::Procedure.eq(file.procedure.clone()))
                .filter(application::Column::Status.eq(FileStatus::Deposee.as_str()))
                .filter(application::Column::SubmittedAt.lt(filed_at))
                .count(db)
                .await?
                + 1,
        ),
        _ => None,
    };
    Ok(TrackerView { stages, estimate, position, awaiting_decision: true })
}
