"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { can } from "@/lib/authz/permissions";
import { createCustomer } from "@/lib/services/customers/create-customer";
import { deleteCustomer } from "@/lib/services/customers/delete-customer";
import { updateCustomer } from "@/lib/services/customers/update-customer";
import { addDomain } from "@/lib/services/orders/add-domain";
import { limitErrorState } from "@/lib/services/orders/limit-error";
import { moveDomain } from "@/lib/services/orders/move-domain";
import { orderPackage } from "@/lib/services/orders/order-package";
import { endSubscription } from "@/lib/services/subscriptions/end-subscription";
import {
  addDomainSchema,
  createCustomerSchema,
  deleteCustomerSchema,
  endSubscriptionSchema,
  moveDomainSchema,
  orderPackageSchema,
  updateCustomerSchema,
} from "@/lib/validation/customer";

export const createCustomerAction = defineAction({
  permission: "reseller.manage",
  schema: createCustomerSchema,
  handler: async ({ actor, input, ip, t }) => {
    const c = await createCustomer(actor, input, ip);
    revalidatePath("/reseller", "layout");
    // The generated password travels to the browser in this one answer only; it is stored hashed.
    return {
      status: "success",
      message: t("customersAdmin.created", { number: c.customerNumber }),
      data: { id: String(c.id), customerNumber: c.customerNumber, login: c.login, password: c.password },
    };
  },
});

export const updateCustomerAction = defineAction({
  permission: "reseller.manage",
  schema: updateCustomerSchema,
  handler: async ({ actor, input, ip, t }) => {
    const { id, ...values } = input;
    await updateCustomer(actor, id, values, ip);
    revalidatePath("/reseller", "layout");
    return { status: "success", message: t("customersAdmin.saved") };
  },
});

/** The reseller on its customer page, and the administration on the reseller's page (back there after). */
export const deleteCustomerAction = defineAction({
  permission: "customers.delete",
  schema: deleteCustomerSchema,
  handler: async ({ actor, input, ip }) => {
    const { resellerId } = await deleteCustomer(actor, input.id, ip);
    if (can(actor, "admin.manage")) {
      revalidatePath("/admin", "layout");
      redirect(`/admin/resellers/${resellerId}`);
    }
    revalidatePath("/reseller", "layout");
    redirect("/reseller/customers");
  },
});

export const orderPackageAction = defineAction({
  permission: "reseller.manage",
  schema: orderPackageSchema,
  handler: async ({ actor, input, ip, t }) => {
    try {
      const result = await orderPackage(actor, input, ip);
      revalidatePath("/reseller", "layout");
      const account = result.adminAccount;
      return {
        status: "success",
        message: t("orders.ordered"),
        data: account ? { login: account.login, password: account.password } : undefined,
      };
    } catch (error) {
      return limitErrorState(error, t);
    }
  },
});

export const addDomainAction = defineAction({
  permission: "reseller.manage",
  schema: addDomainSchema,
  handler: async ({ actor, input, ip, t }) => {
    try {
      await addDomain(actor, input, ip);
    } catch (error) {
      return limitErrorState(error, t);
    }
    revalidatePath("/reseller", "layout");
    return { status: "success", message: t("orders.domainAdded") };
  },
});

export const moveDomainAction = defineAction({
  permission: "reseller.manage",
  schema: moveDomainSchema,
  handler: async ({ actor, input, ip, t }) => {
    try {
      await moveDomain(actor, input, ip);
    } catch (error) {
      return limitErrorState(error, t);
    }
    revalidatePath("/reseller", "layout");
    return { status: "success", message: t("orders.domainMoved") };
  },
});

/** Used by the reseller's customer page and the administration's reseller page alike. */
export const endSubscriptionAction = defineAction({
  permission: "subscriptions.end",
  schema: endSubscriptionSchema,
  handler: async ({ actor, input, ip, t }) => {
    const ended = await endSubscription(actor, input.subscriptionId, ip);
    revalidatePath("/reseller", "layout");
    revalidatePath("/admin", "layout");
    return { status: "success", message: t("orders.ended", { name: `${ended.packageName} #${ended.id}` }) };
  },
});
