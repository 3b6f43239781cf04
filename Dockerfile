# The API serving the built web app on one port. Chromium and Japanese fonts are for PDF export.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-cjk postgresql-client ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@10
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @banso/web build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
# Attachment bytes (FILES_DIR) when no S3 bucket is set: a volume mounted here keeps the node user's ownership.
RUN mkdir -p /var/lib/banso/files && chown -R node:node /var/lib/banso
USER node
CMD ["pnpm", "--filter", "@banso/api", "start"]
