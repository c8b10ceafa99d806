CREATE TABLE "ola_alerts" (
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ola_alerts_kind_item_id_since_pk" PRIMARY KEY("kind","item_id","since")
);
