#!/usr/bin/env bash
# Install the pinned front-end packages and build static/build/ (CSS, JS, GOV.UK assets, plotly.js).
# plotly.js is npm's basic partial bundle (scatter, bar, pie; error bars and shapes are in its core): the charts use
# nothing else (tests/outcomes/test_plotly_bundle.py checks), and it is a quarter of the full bundle's size.
set -euo pipefail
cd "$(dirname "$0")/.."
plotly_js=node_modules/plotly.js-basic-dist-min/plotly-basic.min.js
if [ ! -d node_modules/govuk-frontend ] || [ ! -f "$plotly_js" ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
mkdir -p static/build/assets
npx --no-install sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
  static/src/app.scss static/build/app.css
dist=node_modules/govuk-frontend/dist/govuk
cp "$dist/govuk-frontend.min.js" static/build/govuk-frontend.min.js
rm -rf static/build/assets/images && cp -r "$dist/assets/images" static/build/assets/images
cp "$dist/assets/manifest.json" static/build/assets/manifest.json
rm -f static/build/plotly.min.js  # the full bundle, used before the partial one
cp "$plotly_js" static/build/plotly-basic.min.js
