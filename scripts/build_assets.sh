#!/usr/bin/env bash
# Install the pinned front-end packages and build static/build/ (CSS, JS, GOV.UK assets, plotly.js).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/govuk-frontend ] || [ package.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund --loglevel=error
fi
mkdir -p static/build/assets
npx --no-install sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps --silence-deprecation=import \
  static/src/app.scss static/build/app.css
dist=node_modules/govuk-frontend/dist/govuk
cp "$dist/govuk-frontend.min.js" static/build/govuk-frontend.min.js
rm -rf static/build/assets/images && cp -r "$dist/assets/images" static/build/assets/images
cp "$dist/assets/manifest.json" static/build/assets/manifest.json
plotly_js=$(.venv/bin/python -c "import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / 'package_data' / 'plotly.min.js')")
cp "$plotly_js" static/build/plotly.min.js
