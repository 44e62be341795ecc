import { Workspace } from '../../modules/workspaces/workspace.entity';
import { ApiKey } from '../../modules/workspaces/api-key.entity';
import { Feature } from '../../modules/catalog/feature.entity';
import { Milestone } from '../../modules/catalog/milestone.entity';
import { Article } from '../../modules/articles/article.entity';
import { ArticleRevision } from '../../modules/articles/article-revision.entity';
import { Feedback } from '../../modules/feedback/feedback.entity';
import { Enhancement } from '../../modules/enhancements/enhancement.entity';
import { EnhancementStatusChange } from '../../modules/enhancements/enhancement-status-change.entity';
import { EnhancementFeedback } from '../../modules/enhancements/enhancement-feedback.entity';
import { HelpEvent } from '../../modules/help-events/help-event.entity';
import { SearchOutbox } from '../search/outbox.entity';

/** Every TypeORM entity of Helpscope, in one list for the DataSource. */
export const ENTITIES = [
  Workspace,
  ApiKey,
  Feature,
  Milestone,
  Article,
  ArticleRevision,
  Feedback,
  Enhancement,
  EnhancementStatusChange,
  EnhancementFeedback,
  HelpEvent,
  SearchOutbox,
];
