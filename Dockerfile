# One image for the API, the worker and admin commands; docker-compose.yml picks the command.
# Node 24 LTS, pinned (bump deliberately; the code also runs on Node 20.19+, the development machines').
# `npm install` rather than `npm ci`: the lock file was resolved against a registry mirror that
# lacks @swc/core's non-Linux optional packages, which `npm ci` reports as out of sync.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build
# The console (static files the API serves at /console): built here, where the dev dependencies are.
COPY console ./console
COPY scripts/build-console.ts ./scripts/
RUN npm run build:console

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Where src/api/console.ts looks, relative to the compiled dist/src/api/.
COPY --from=build /app/console/dist ./dist/console/dist
USER node
EXPOSE 3000
# `node` is PID 1 and gets SIGTERM itself: the API drains (API_SHUTDOWN_GRACE_SECONDS), the worker lets
# running activities finish (WORKER_SHUTDOWN_GRACE_SECONDS). The orchestrator's stop timeout must be longer.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/server.js"]
