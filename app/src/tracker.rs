//! Delays, in the open: the public page `/delais` shows, per prefecture and procedure, how long
//! its recent decisions took (median and nine in ten, over the last 90 days, with the number of
//! files counted, hidden when too few) and how many files wait to be taken in charge. The
//! applicant's account shows the same figures for their own file (`accounts::TrackerView`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::components::alert::ErrorAlert;
use crate::components::table::DataTable;
use crate::domain::catalogue::{self, ProcedureId};
use crate::domain::tracker::{DelayFigures, FIGURES_WINDOW_DAYS};
use crate::error::AppError;
use crate::i18n::{use_i18n, Msg};
use crate::layout::NarrowPage;

pub const PATH: &str = "/delais";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelaysView {
    /// Every prefecture (code, name), for the choice.
    pub prefectures: Vec<(String, String)>,
    /// The chosen one's figures.
    pub selected: Option<PrefectureDelays>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefectureDelays {
    pub code: String,
    pub name: String,
    pub procedures: Vec<ProcedureDelays>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureDelays {
    pub procedure: ProcedureId,
    pub figures: Option<DelayFigures>,
    pub waiting: u64,
}

/// The prefectures, and the figures of `prefecture` (a code) when one is chosen. Public.
#[server(endpoint = "delais")]
pub async fn load_delays(prefecture: Option<String>) -> Result<DelaysView, AppError> {
    let (services, ctx) = crate::backend::context()?;
    crate::backend::respond(services.filing.delays(&ctx, prefecture.as_deref()).await)
}

#[component]
pub fn DelaysPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let chosen = query.with_untracked(|q| q.get("prefecture")).filter(|c| !c.trim().is_empty());
    let data = Resource::new(move || chosen.clone(), load_delays);
    view! {
        <NarrowPage title=Msg::DelaysTitle>
            <p class="fr-text--lead">{i18n.fill(Msg::DelaysIntro, &[("days", &FIGURES_WINDOW_DAYS.to_string())])}</p>
            <Suspense fallback=move || view! { <p>{i18n.t(Msg::Loading)}</p> }>
                {move || data.get().map(|loaded| match loaded {
                    Ok(view) => view! { <Delays view/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                })}
            </Suspense>
        </NarrowPage>
    }
}

#[component]
fn Delays(view: DelaysView) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang();
    let selected_code = view.selected.as_ref().map(|s| s.code.clone()).unwrap_or_default();
    view! {
        // A plain GET form: the figures' address can be bookmarked and shared.
        <form method="get" action=PATH class="fr-mb-4w">
            <div class="fr-select-group">
                <label class="fr-label" for="delais-prefecture">{i18n.t(Msg::DelaysPrefecture)}</label>
                <select class="fr-select" id="delais-prefecture" name="prefecture">
                    <option value="">{i18n.t(Msg::WizardSelect)}</option>
                    {view.prefectures.into_iter().map(|(code, name)| {
                        let selected = code == selected_code;
                        view! { <option value=code selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="fr-btn">{i18n.t(Msg::DelaysShow)}</button>
        </form>
        {view.selected.map(|prefecture| {
            let rows = prefecture.procedures.into_iter().map(|row| {
                let title = catalogue::procedure(&row.procedure).map(|p| p.title.get(lang)).unwrap_or_default();
                let (median, ninth, count) = match row.figures {
                    Some(f) => (
                        i18n.fill(Msg::DelaysDays, &[("days", &f.median.to_string())]),
                        i18n.fill(Msg::DelaysDays, &[("days", &f.ninth_decile.to_string())]),
                        f.count.to_string(),
                    ),
                    None => (i18n.t(Msg::DelaysTooFew).to_owned(), String::new(), String::new()),
                };
                view! {
                    <tr><td>{title}</td><td>{median}</td><td>{ninth}</td><td>{count}</td><td>{row.waiting.to_string()}</td></tr>
                }
            }).collect_view();
            view! {
                <h2 class="delays-prefecture">{prefecture.name}</h2>
                <DataTable
                    caption=Msg::DelaysTitle
                    hidden_caption=true
                    columns=vec![Msg::ProceduresColProcedure, Msg::DelaysMedian, Msg::DelaysNinth, Msg::DelaysCount, Msg::DelaysWaiting]
                >
                    {rows}
                </DataTable>
            }
        })}
    }
}
