namespace BBScore.Datasets.Physion;

/// <summary>What a Physion read-out predicts. Contact: whether the red object touches the yellow zone (the CSV's
/// <c>label</c>, 2 classes; humans answer <c>responseBool</c>). Placement: which of 256 cells the object ends in (the CSV's
/// <c>contacts</c>, -1 where there is none; humans answer <c>choice</c>).</summary>
public enum PhysionTask { Contact, Placement }

public static class PhysionTasks
{
    public static int NumClasses(this PhysionTask task) => task == PhysionTask.Contact ? 2 : 256;

    /// <summary>The CSV column that holds the task's label.</summary>
    public static string LabelColumn(this PhysionTask task) => task == PhysionTask.Contact ? "label" : "contacts";

    /// <summary>The human data's response variable, averaged per stimulus for the human target.</summary>
    public static string HumanVariable(this PhysionTask task) => task == PhysionTask.Contact ? "responseBool" : "choice";
}
