# syntax=docker/dockerfile:1
# Multi-stage build: compile every workspace, then ship only what the server needs to run.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
COPY packages/oci/package.json packages/oci/
COPY packages/agent/package.json packages/agent/
COPY packages/host-sim/package.json packages/host-sim/
COPY packages/iso-builder/package.json packages/iso-builder/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY e2e/package.json e2e/
RUN npm ci --no-audit --no-fund
COPY . .
RUN cd apps/server && npx prisma generate --config ../../prisma/prisma.config.ts \
 && cd /src && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
# Tools the server runs: xorriso/mtools/isomd5sum for install ISOs, ssh-keygen for keys.
RUN apt-get update \
 && apt-get install -y --no-install-recommends xorriso mtools isomd5sum openssh-client ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /var/lib/bootfleet --uid 10001 bootfleet
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/prisma ./prisma
COPY --from=build /src/packages ./packages
COPY --from=build /src/apps/server/package.json ./apps/server/package.json
COPY --from=build /src/apps/server/dist ./apps/server/dist
COPY --from=build /src/apps/web/dist ./apps/web/dist
USER bootfleet
ENV NODE_ENV=production BOOTFLEET_PORT=8080 BOOTFLEET_DATA_DIR=/var/lib/bootfleet
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:8080/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/server/dist/main.js"]
