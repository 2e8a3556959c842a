-- CreateTable
CREATE TABLE "rollouts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'rollout',
    "action" TEXT,
    "image_id" UUID,
    "target_reference" TEXT,
    "target_digest" TEXT,
    "selector" JSONB NOT NULL DEFAULT '{}',
    "strategy" JSONB NOT NULL DEFAULT '{}',
    "health_checks" JSONB NOT NULL DEFAULT '{}',
    "state" TEXT NOT NULL DEFAULT 'scheduled',
    "paused_reason" TEXT,
    "approved_batch" INTEGER NOT NULL DEFAULT 0,
    "failure_baseline" INTEGER NOT NULL DEFAULT 0,
    "ignore_windows" BOOLEAN NOT NULL DEFAULT false,
    "start_at" TIMESTAMP(3),
    "start_at_next_window" BOOLEAN NOT NULL DEFAULT false,
    "policy_id" UUID,
    "created_by" TEXT NOT NULL DEFAULT 'system',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "rollouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_hosts" (
    "id" UUID NOT NULL,
    "rollout_id" UUID NOT NULL,
    "host_id" UUID NOT NULL,
    "active_host_id" UUID,
    "batch" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT NOT NULL DEFAULT 'pending',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMP(3),
    "target_reference" TEXT,
    "target_digest" TEXT,
    "previous_digest" TEXT,
    "previous_boot_id" TEXT,
    "rollback_boot_id" TEXT,
    "download_only" BOOLEAN NOT NULL DEFAULT false,
    "rollback_reason" TEXT,
    "window_opens_at" TIMESTAMP(3),
    "timings" JSONB NOT NULL DEFAULT '{}',
    "error" JSONB,
    "job_id" UUID,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rollout_hosts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_policies" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "image_id" UUID NOT NULL,
    "selector" JSONB NOT NULL DEFAULT '{}',
    "strategy" JSONB NOT NULL DEFAULT '{}',
    "health_checks" JSONB NOT NULL DEFAULT '{}',
    "auto_start" BOOLEAN NOT NULL DEFAULT false,
    "soak_minutes" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_digest" TEXT,
    "created_by" TEXT NOT NULL DEFAULT 'system',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rollout_policies_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rollouts_state_idx" ON "rollouts"("state");

-- CreateIndex
CREATE INDEX "rollouts_kind_created_at_idx" ON "rollouts"("kind", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_hosts_active_host_id_key" ON "rollout_hosts"("active_host_id");

-- CreateIndex
CREATE INDEX "rollout_hosts_host_id_idx" ON "rollout_hosts"("host_id");

-- CreateIndex
CREATE INDEX "rollout_hosts_phase_lease_until_idx" ON "rollout_hosts"("phase", "lease_until");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_hosts_rollout_id_host_id_key" ON "rollout_hosts"("rollout_id", "host_id");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_policies_name_key" ON "rollout_policies"("name");

-- AddForeignKey
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "rollout_policies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_hosts" ADD CONSTRAINT "rollout_hosts_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

