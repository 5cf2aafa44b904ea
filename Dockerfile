# Docent's production image: the gateway (and, with another command, the document worker).
#   docker build -t docent .
#   docker run -p 4000:4000 -e AUTH_TOKEN_SECRET=… -v docent-models:/models -v docent-data:/data docent
# The deployment with PostgreSQL and workers is docker-compose.yml; operations: docs/operations.md.

# --- build: every dependency, the compiled programs, then only what runs -------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY tools/prisma ./tools/prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run gateway:build --skip-nx-cache && npm prune --omit=dev --no-audit --no-fund

# --- runtime: no compilers, no dev dependencies, not root ------------------------------------------
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    EMBEDDING_MODELS_DIR=/models \
    DOCENT_DATA_DIR=/data/pgdata \
    MALLOC_ARENA_MAX=2
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/apps/gateway ./dist/apps/gateway
# Migrations are applied at start, from here.
COPY --from=build --chown=node:node /app/prisma ./prisma
RUN mkdir -p /models /data && chown node:node /models /data
# Models (downloaded ones, and the converted encoder) and the embedded database outlive containers.
VOLUME ["/models", "/data"]
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/gateway/apps/gateway/src/main.js"]
