CREATE TABLE "queries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"conversation_id" uuid NOT NULL,
	"customer_id" text NOT NULL,
	"text" text NOT NULL,
	"normalized" text NOT NULL,
	"article_id" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "role" text DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "intent" text;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queries" ADD CONSTRAINT "queries_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "queries_created" ON "queries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "queries_conversation" ON "queries" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversations_created" ON "conversations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ratings_conversation" ON "ratings" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "ratings_article" ON "ratings" USING btree ("article_id","created_at");