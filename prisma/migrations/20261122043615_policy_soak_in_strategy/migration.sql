-- AlterTable
ALTER TABLE "rollout_policies" DROP COLUMN "soak_minutes";

