//! The national address base's online API (api-adresse.data.gouv.fr), used instead of the
//! imported base when its URL is configured (`ANEF_ADDRESS_API_URL`); when it does not answer
//! in time, the page keeps its manual address fields.

use std::time::Duration;

use serde::Deserialize;

use app::filing::AddressSuggestion;

use super::{LIMIT, MIN_QUERY_CHARS};

const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum AddressError {
    #[error("address search failed: {0}")]
    Request(#[from] reqwest::Error),
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
}

#[derive(Deserialize)]
struct Properties {
    label: String,
    name: String,
    postcode: Option<String>,
    city: Option<String>,
    citycode: Option<String>,
}

/// Searches `query` in the BAN at `base_url` (`<base>/search/?q=…&autocomplete=1`).
pub async fn search(client: &reqwest::Client, base_url: &str, query: &str) -> Result<Vec<AddressSuggestion>, AddressError> {
    let query = query.trim();
    if query.chars().count() < MIN_QUERY_CHARS {
        return Ok(Vec::new());
    }
    let limit = LIMIT.to_string();
    let answer: FeatureCollection = client
        .get(format!("{base_url}/search/"))
        .query(&[("q", query), ("limit", limit.as_str()), ("autocomplete", "1")])
        .timeout(TIMEOUT)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(answer
        .features
        .into_iter()
        .filter_map(|f| {
            let p = f.properties;
            Some(AddressSuggestion { label: p.label, street: p.name, postal_code: p.postcode?, city: p.city?, insee_code: p.citycode? })
        })
        .collect())
}
