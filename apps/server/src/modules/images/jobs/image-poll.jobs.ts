import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../../infra/jobs/job-queue.service';
import { ImagesService } from '../images.service';

export const IMAGE_POLL = 'image.poll';
export const IMAGES_POLL_DUE = 'images.poll-due';

/**
 * Every minute one scheduler enqueues a poll for each image whose interval elapsed; a poll per image
 * is a singleton, so a slow registry never piles up polls of the same image.
 */
@Injectable()
export class ImagePollJobs implements OnModuleInit {
  constructor(
    private readonly jobs: JobQueue,
    private readonly images: ImagesService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ imageId: string }>({
      name: IMAGE_POLL,
      policy: 'stately',
      // Registry failures are recorded on the image, not thrown; only unexpected errors retry.
      retryLimit: 2,
      expireInSeconds: 5 * 60,
      handler: ({ imageId }) => this.images.poll(imageId),
    });
    this.jobs.register({
      name: IMAGES_POLL_DUE,
      policy: 'singleton',
      retryLimit: 0,
      handler: async () => {
        const due = await this.images.dueForPoll(new Date());
        await Promise.all(due.map((imageId) => this.jobs.enqueue(IMAGE_POLL, { imageId }, { singletonKey: imageId })));
        return { enqueued: due.length };
      },
    });
    this.jobs.schedule({ name: IMAGES_POLL_DUE, cron: '* * * * *' });
  }
}
