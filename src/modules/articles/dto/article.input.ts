import { Field, InputType, registerEnumType } from 'type-graphql';
import { GraphQLUUID } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { ArticleStatus } from '../article.entity';
import { SortDirection } from '../../../core/graphql/sort-direction';

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** Fields to create an article. Articles start as drafts unless `status` says otherwise. */
@InputType()
export class CreateArticleInput {
  @Field({ nullable: true, description: 'Derived from the title when omitted.' })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lowercase letters, digits and dashes (at most 120)' })
  slug?: string;

  @Field()
  @Length(1, 300)
  title: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(1000)
  summary?: string;

  @Field({ description: 'Markdown or MDX, at most 1 MB.' })
  @MaxLength(1_000_000)
  body: string;

  @Field({ nullable: true, defaultValue: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a language tag such as en or pt-BR' })
  locale?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  tags?: string[];

  @Field(() => GraphQLUUID, { nullable: true })
  @IsOptional()
  featureId?: string;

  @Field(() => ArticleStatus, { nullable: true })
  @IsOptional()
  status?: ArticleStatus;
}

/** Fields to change on an article; omitted fields stay as they are. */
@InputType()
export class UpdateArticleInput {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(SLUG, { message: 'slug must be lowercase letters, digits and dashes (at most 120)' })
  slug?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 300)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(1000)
  summary?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(1_000_000)
  body?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a language tag such as en or pt-BR' })
  locale?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  tags?: string[];

  @Field(() => GraphQLUUID, { nullable: true })
  @IsOptional()
  featureId?: string;
}

/** Filters for the article list. */
@InputType()
export class ArticleFilter {
  @Field(() => ArticleStatus, { nullable: true })
  status?: ArticleStatus;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(35)
  locale?: string;

  @Field(() => GraphQLUUID, { nullable: true })
  featureId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(100)
  tag?: string;
}

/** What the article list can be ordered by. */
export enum ArticleOrderField {
  UPDATED_AT = 'UPDATED_AT',
  CREATED_AT = 'CREATED_AT',
  TITLE = 'TITLE',
}
registerEnumType(ArticleOrderField, { name: 'ArticleOrderField' });

/** Order of the article list (ties broken by id, so paging is stable). */
@InputType()
export class ArticleOrder {
  @Field(() => ArticleOrderField)
  field: ArticleOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  direction: SortDirection;
}
