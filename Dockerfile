# One image recipe, two targets: `api` (GraphQL API) and `web` (Remix app). Node 22 LTS.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY api/package.json api/package.json
COPY web/package.json web/package.json
RUN npm ci --include=dev --no-audit --no-fund

FROM deps AS source
COPY . .

FROM source AS api
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
# TypeScript runs through tsx (esbuild); decorators carry explicit types, no metadata emit needed.
# The same image runs the demo seed (`node --import tsx seeds/run.ts`, compose's `seed` service):
# keep seeds/ in the source stage and tsx among the installed packages.
CMD ["node", "--import", "tsx", "api/src/main.ts"]

FROM source AS web
RUN npm run build -w web
ENV NODE_ENV=production PORT=3000
USER node
WORKDIR /app/web
EXPOSE 3000
CMD ["../node_modules/.bin/remix-serve", "./build/server/index.js"]
