-- DESC NULLS LAST written by hand (see the comment on these indexes in prisma/schema/hosts.prisma).
-- CreateIndex
CREATE INDEX "hosts_address_idx" ON "hosts"("address");

-- CreateIndex
CREATE INDEX "hosts_booted_version_idx" ON "hosts"("booted_version");

-- CreateIndex
CREATE INDEX "hosts_last_seen_at_desc_idx" ON "hosts"("last_seen_at" DESC NULLS LAST);

-- CreateIndex
CREATE INDEX "hosts_booted_version_desc_idx" ON "hosts"("booted_version" DESC NULLS LAST);

